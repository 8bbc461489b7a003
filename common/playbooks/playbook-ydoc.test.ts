import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PLAYBOOK_TEMPLATES } from './playbook-templates';
import { readPlaybookFromDoc, writePlaybookEdit, writePlaybookToDoc } from './playbook-ydoc';
import { validatePlaybook } from './validate-playbook';

const base = () => PLAYBOOK_TEMPLATES.find((t) => t.key === 'risk-save')!.build('shared');

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** Ann's and Bob's documents holding the same playbook, and what each one's screen shows of it. */
function sharedBetweenTwo() {
  const ann = new Y.Doc();
  const bob = new Y.Doc();
  writePlaybookToDoc(ann, base());
  exchange(ann, bob);
  return { ann, bob, annScreen: readPlaybookFromDoc(ann)!, bobScreen: readPlaybookFromDoc(bob)! };
}

describe('co-editing a playbook as a Yjs document', () => {
  it('two managers editing offline at the same time converge, keeping both edits', () => {
    const ann = new Y.Doc();
    const bob = new Y.Doc();
    writePlaybookToDoc(ann, base());
    exchange(ann, bob);
    expect(readPlaybookFromDoc(bob)).toEqual(readPlaybookFromDoc(ann));

    // Offline: Ann renames and changes the trigger threshold; Bob adds a notify step after the call and edits a task.
    const annEdit = readPlaybookFromDoc(ann)!;
    writePlaybookToDoc(ann, { ...annEdit, name: 'Risk save (EMEA)', trigger: { kind: 'segment-enter', segmentName: 'High risk', condition: { kind: 'rule', field: 'risk', op: 'gte', value: 80 } } });
    const bobEdit = readPlaybookFromDoc(bob)!;
    const steps = bobEdit.steps.map((s) => (s.id === 'call' ? { ...s, next: 'tell' } : s));
    steps.splice(1, 0, { id: 'tell', type: 'notify', notify: { message: 'Save plan for {{account.name}}' }, next: 'log' });
    writePlaybookToDoc(bob, { ...bobEdit, steps });

    exchange(ann, bob);
    const merged = readPlaybookFromDoc(ann)!;
    expect(readPlaybookFromDoc(bob)).toEqual(merged);
    expect(merged.name).toBe('Risk save (EMEA)');
    expect(merged.trigger).toMatchObject({ condition: { value: 80 } });
    expect(merged.steps.map((s) => s.id)).toEqual(['call', 'tell', 'log', 'wait', 'exec', 'saved', 'not-saved']);
    expect(validatePlaybook(merged).ok).toBe(true);
  });

  it('the same field edited on both sides ends the same on both', () => {
    const ann = new Y.Doc();
    const bob = new Y.Doc();
    writePlaybookToDoc(ann, base());
    exchange(ann, bob);
    writePlaybookToDoc(ann, { ...readPlaybookFromDoc(ann)!, description: 'Ann' });
    writePlaybookToDoc(bob, { ...readPlaybookFromDoc(bob)!, description: 'Bob' });
    exchange(ann, bob);
    expect(readPlaybookFromDoc(ann)!.description).toBe(readPlaybookFromDoc(bob)!.description);
    expect(['Ann', 'Bob']).toContain(readPlaybookFromDoc(ann)!.description);
  });

  it('an edit made on a screen that had not yet shown another person’s edit does not write that edit back over', () => {
    // The co-edit e2e failure: Ann renames; Bob, whose screen still shows the old name, types a description. Bob's
    // edit is "description changed", not "the whole playbook as on my screen".
    const { ann, bob, annScreen, bobScreen } = sharedBetweenTwo();
    writePlaybookEdit(ann, annScreen, { ...annScreen, name: 'Risk save (EMEA)' });
    exchange(ann, bob); // Ann's rename reaches Bob's document before his screen shows it.
    writePlaybookEdit(bob, bobScreen, { ...bobScreen, description: 'Agreed with the EMEA team' });
    exchange(ann, bob);
    for (const doc of [ann, bob]) {
      expect(readPlaybookFromDoc(doc)).toMatchObject({ name: 'Risk save (EMEA)', description: 'Agreed with the EMEA team' });
    }
  });

  it('a stale screen’s step edit keeps a step changed or added by someone else', () => {
    const { ann, bob, annScreen, bobScreen } = sharedBetweenTwo();
    const annSteps = annScreen.steps.map((s) => (s.id === 'call' ? { ...s, next: 'tell' } : s));
    annSteps.splice(1, 0, { id: 'tell', type: 'notify', notify: { message: 'Save plan for {{account.name}}' }, next: 'log' });
    writePlaybookEdit(ann, annScreen, { ...annScreen, steps: annSteps });
    exchange(ann, bob);
    // Bob, still on the old screen, deletes the last step.
    writePlaybookEdit(bob, bobScreen, { ...bobScreen, steps: bobScreen.steps.filter((s) => s.id !== 'not-saved') });
    exchange(ann, bob);
    const merged = readPlaybookFromDoc(ann)!;
    expect(readPlaybookFromDoc(bob)).toEqual(merged);
    expect(merged.steps.map((s) => s.id)).toEqual(['call', 'tell', 'log', 'wait', 'exec', 'saved']);
    expect(merged.steps.find((s) => s.id === 'call')).toMatchObject({ next: 'tell' });
  });
});
