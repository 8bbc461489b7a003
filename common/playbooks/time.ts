const DAY_MS = 86_400_000;

/** An ISO instant `days` later. */
export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}

/** The calendar day (UTC) of an ISO instant. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}
