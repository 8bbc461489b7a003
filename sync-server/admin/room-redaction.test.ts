import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PLAYBOOK_TEMPLATES } from '../../common/playbooks/playbook-templates';
import { readPlaybookFromDoc, writePlaybookToDoc } from '../../common/playbooks/playbook-ydoc';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { ERASED, personalFinder } from './personal-copies';
import { redactNotesDoc, redactPlaybookDoc } from './room-redaction';

const ivo = personalFinder({ name: 'Ivo Ma', email: 'ivo@ma.example' });

function playbookDoc(message: string): Y.Doc {
  const doc = new Y.Doc();
  const template = PLAYBOOK_TEMPLATES.find((each) => each.key === 'onboarding')!.build('pb');
  writePlaybookToDoc(doc, {
    ...template,
    steps: [
      ...template.steps.map((step) => (step.id === 'review' ? { ...step, next: 'tell-ivo' } : step)),
      { id: 'tell-ivo', type: 'notify', notify: { message }, next: 'end' },
    ],
  } as never);
  return doc;
}

describe('redacting a co-edited playbook', () => {
  it('rewrites the texts that hold an erased value and keeps step ids and the references to them, even with parts', () => {
    const doc = playbookDoc('Tell Ivo Ma at ivo@ma.example');
    expect(redactPlaybookDoc(doc, (text, replacement) => ivo.redact(text, true, replacement))).toBe(true);
    const after = readPlaybookFromDoc(doc)!;
    expect(after.steps.find((step) => step.id === 'tell-ivo')).toMatchObject({ notify: { message: `Tell ${ERASED} at ${ERASED}` } });
    expect(after.steps.find((step) => step.id === 'review')).toMatchObject({ next: 'tell-ivo' });
    expect(validatePlaybook(after).ok).toBe(true);
    expect(redactPlaybookDoc(doc, (text, replacement) => ivo.redact(text, true, replacement))).toBe(false);
  });

  it('puts a "-" where `[erased]` would take a valid playbook past a length limit', () => {
    const message = `Ivo Ma ${'x'.repeat(493)}`;
    const doc = playbookDoc(message);
    expect(validatePlaybook(readPlaybookFromDoc(doc)).ok).toBe(true);
    redactPlaybookDoc(doc, (text, replacement) => ivo.redact(text, false, replacement));
    const after = readPlaybookFromDoc(doc)!;
    expect(after.steps.find((step) => step.id === 'tell-ivo')).toMatchObject({ notify: { message: `- ${'x'.repeat(493)}` } });
    expect(validatePlaybook(after).ok).toBe(true);
  });
});

describe('redacting notes', () => {
  it('replaces each range in place and says whether anything changed', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'Met Ivo Ma; Ivo decides');
    expect(redactNotesDoc(doc, (text) => ivo.ranges(text, true), ERASED)).toBe(true);
    expect(doc.getText('notes').toString()).toBe(`Met ${ERASED}; ${ERASED} decides`);
    expect(redactNotesDoc(doc, (text) => ivo.ranges(text, true), ERASED)).toBe(false);
  });
});
