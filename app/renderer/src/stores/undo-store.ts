import { create } from 'zustand';

/** A change that can be reverted: the label names it in the toast ("Saved MRR"). */
export interface ReversibleAction {
  label: string;
  undo(): Promise<void>;
}

export interface UndoNotice {
  /** Increments with every notice so the toast can restart its timer for repeated messages. */
  id: number;
  text: string;
  /** True while the notice describes the top of the stack, i.e. the Undo button applies to it. */
  undoable: boolean;
  tone: 'info' | 'error';
}

interface UndoState {
  stack: readonly ReversibleAction[];
  notice: UndoNotice | null;
  /** Records a change that has been saved, and announces it. */
  push(action: ReversibleAction): void;
  /** Reverts the most recent change; resolves once the revert is written. */
  undoLast(): Promise<void>;
  dismiss(): void;
  clear(): void;
}

const STACK_LIMIT = 50;
let noticeId = 0;
let undoing = false;

export const useUndoStore = create<UndoState>((set, get) => ({
  stack: [],
  notice: null,
  push(action) {
    set((state) => ({
      stack: [...state.stack, action].slice(-STACK_LIMIT),
      notice: { id: ++noticeId, text: action.label, undoable: true, tone: 'info' },
    }));
  },
  async undoLast() {
    const action = get().stack.at(-1);
    if (!action || undoing) return;
    undoing = true;
    set((state) => ({ stack: state.stack.slice(0, -1) }));
    try {
      await action.undo();
      set({ notice: { id: ++noticeId, text: `Undone: ${action.label}`, undoable: false, tone: 'info' } });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      set({ notice: { id: ++noticeId, text: `Could not undo "${action.label}": ${reason}`, undoable: false, tone: 'error' } });
    } finally {
      undoing = false;
    }
  },
  dismiss() {
    set({ notice: null });
  },
  clear() {
    set({ stack: [], notice: null });
  },
}));
