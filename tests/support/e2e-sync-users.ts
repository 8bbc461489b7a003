/** Who the e2e sync server seeds (tests/support/e2e-sync-server.ts) and the team-sync spec signs in as. */
export const E2E_PASSWORD = 'e2e-team-password-1';

export const E2E_USERS = {
  rep1: { email: 'riley.rep@e2e.example', name: 'Riley Rep', role: 'cs-rep' },
  rep2: { email: 'sam.rep@e2e.example', name: 'Sam Rep', role: 'cs-rep' },
  manager: { email: 'morgan.manager@e2e.example', name: 'Morgan Manager', role: 'cs-manager' },
  viewer: { email: 'val.viewer@e2e.example', name: 'Val Viewer', role: 'viewer' },
} as const;

/** A CS Rep alone in a team of their own that has no accounts yet: their first team book is empty. */
export const E2E_EMPTY_TEAM_USER = { email: 'nova.newcomer@e2e.example', name: 'Nova Newcomer', role: 'cs-rep', team: 'E2E Empty Team' } as const;

export const SEEDED_ACCOUNTS = [
  { id: 'e2e-northwind', name: 'Northwind Traders' },
  { id: 'e2e-contoso', name: 'Contoso Ltd' },
] as const;

/** The sync server's port: OUTPOST_E2E_SYNC_PORT, else the browser host's port + 1000. */
export function e2eSyncPort(): number {
  const explicit = process.env['OUTPOST_E2E_SYNC_PORT'];
  if (explicit) return Number(explicit);
  return Number(process.env['OUTPOST_E2E_PORT'] ?? 5199) + 1000;
}
