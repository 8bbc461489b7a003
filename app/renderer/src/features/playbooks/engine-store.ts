import { create } from 'zustand';
import type { RxPlaybookEngine } from '../../../../../common/playbooks/rxdb-playbook-engine';

interface PlaybookEngineState {
  engine: RxPlaybookEngine | null;
  /** The last error of the automation loop (a refused write), shown on the Playbooks page. */
  lastError: string | null;
}

export const usePlaybookEngine = create<PlaybookEngineState>(() => ({ engine: null, lastError: null }));
