import { beforeEach, describe, expect, it } from 'vitest';
import { useUndoStore } from './undo-store';

describe('undo store', () => {
  beforeEach(() => useUndoStore.getState().clear());

  it('reverts the most recent change first and announces it', async () => {
    const log: string[] = [];
    const { push } = useUndoStore.getState();
    push({ label: 'Saved MRR', undo: async () => void log.push('mrr') });
    push({ label: 'Saved Tier', undo: async () => void log.push('tier') });
    expect(useUndoStore.getState().notice).toMatchObject({ text: 'Saved Tier', undoable: true });

    await useUndoStore.getState().undoLast();
    expect(log).toEqual(['tier']);
    expect(useUndoStore.getState().notice).toMatchObject({ text: 'Undone: Saved Tier', undoable: false });

    await useUndoStore.getState().undoLast();
    await useUndoStore.getState().undoLast();
    expect(log).toEqual(['tier', 'mrr']);
    expect(useUndoStore.getState().stack).toHaveLength(0);
  });

  it('reports a failed undo instead of throwing', async () => {
    useUndoStore.getState().push({
      label: 'Added note',
      undo: () => Promise.reject(new Error('document is gone')),
    });
    await useUndoStore.getState().undoLast();
    expect(useUndoStore.getState().notice).toMatchObject({
      text: 'Could not undo "Added note": document is gone',
      tone: 'error',
    });
  });
});
