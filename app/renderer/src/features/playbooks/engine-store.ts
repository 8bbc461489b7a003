import { create } from 'zustand';
import type { RxPlaybookEngine } from '../../../../../common/playbooks/rxdb-playbook-engine';
import { whenState } from '../../stores/when-state';

interface PlaybookEngineState {
  engine: RxPlaybookEngine | null;
  /** The last error of the automation loop (a refused write), shown on the Playbooks page. */
  lastError: string | null;
}

export const usePlaybookEngine = create<PlaybookEngineState>(() => ({ engine: null, lastError: null }));

/** What a person is told while an action waits for the automation (it starts once the book is filled and scored). */
export const WAITING_FOR_AUTOMATION = 'Waiting for the automation to start (the book is still being scored)…';

/**
 * The running engine, once there is one. An activation or a manual start made in the first seconds of a session waits
 * for it, so it takes the same path as any later one instead of being refused or missed.
 */
export async function runningEngine(): Promise<RxPlaybookEngine> {
  await whenState(usePlaybookEngine, (state) => state.engine !== null);
  return usePlaybookEngine.getState().engine!;
}
