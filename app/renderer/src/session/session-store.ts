import { create } from 'zustand';
import type { SyncSession } from '../../../../common/bridge/contract';
import { getBridge } from '../bridge/bridge';
import { endServerSession, signIn } from './sync-api';

/** Which book this window works on: the device's own (signed out) or a team server's replica (signed in). */
export interface SyncSessionState {
  phase: 'loading' | 'signed-out' | 'signed-in';
  session: SyncSession | null;
}

export const useSyncSession = create<SyncSessionState>(() => ({ phase: 'loading', session: null }));

export async function loadSyncSession(): Promise<void> {
  let session: SyncSession | null = null;
  try {
    session = await getBridge().loadSyncSession();
  } catch (error) {
    console.warn('Outpost: could not read the kept sync sign-in', error);
  }
  useSyncSession.setState({ phase: session ? 'signed-in' : 'signed-out', session });
}

/** Switching books reopens the window on the other database (RxDB opens at most 13 collections per process). */
function switchBook(): void {
  window.location.reload();
}

export async function signInToTeam(input: { serverUrl: string; email: string; password: string; totp?: string }): Promise<void> {
  const session = await signIn(input);
  await getBridge().saveSyncSession(session);
  switchBook();
}

export async function signOutOfTeam(): Promise<void> {
  // Ends the session on the server too (its refresh token stops working); offline, it simply expires there.
  const session = useSyncSession.getState().session;
  if (session) await endServerSession(session).catch(() => undefined);
  await getBridge().clearSyncSession();
  switchBook();
}
