import { describe, expect, it } from 'vitest';
import { unrecordedPushes } from './unrecorded-pushes';

type Cp = { seq: number };
type Doc = { id: string; v: number };
const at = (seq: number): Cp => ({ seq });
const doc = (id: string, v: number): Doc => ({ id, v });
const tracker = () =>
  unrecordedPushes<Cp, Doc>(
    (each) => each.id,
    (each) => `${each.id}:${each.v}`,
  );

describe('unrecordedPushes', () => {
  it('leaves the pull alone when no other state of a pushed document was handed out before its push was recorded', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.handedOut([doc('b', 7)]);
    // The server's echo of the device's own write, before and after the answer.
    pushes.handedOut([doc('a', 1)]);
    pushes.answered([doc('a', 1)]);
    pushes.handedOut([doc('a', 1)]);
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
    expect(pushes.unrecorded).toBe(0);
  });

  it('goes back once to the checkpoint stored when the push started after another state was handed out before the answer', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1), doc('b', 1)], at(5));
    pushes.handedOut([doc('a', 2)]);
    pushes.answered([doc('a', 1), doc('b', 1)]);
    expect(pushes.recorded(['a', 'b'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));
    // Once: the next pull is RxDB's own again.
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
  });

  it('counts another state handed out between the answer and the record (RxDB writes its meta rows after the handler returns)', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.answered([doc('a', 1)]);
    pushes.handedOut([doc('a', 2)]);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(7))).toEqual(at(5));
  });

  it('judges against the master state the answer gave when the push met a conflict', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.handedOut([doc('a', 3)]);
    pushes.answered([doc('a', 3)]);
    expect(pushes.recorded(['a'])).toBe(false);

    pushes.sending([doc('a', 4)], at(6));
    pushes.handedOut([doc('a', 3)]);
    pushes.answered([doc('a', 5)]);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(8))).toEqual(at(6));
  });

  it('ignores a record written before the answer (an earlier push of the document) and keeps the window open', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.handedOut([doc('a', 2)]);
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.unrecorded).toBe(1);
    pushes.answered([doc('a', 1)]);
    expect(pushes.recorded(['a'])).toBe(true);
  });

  it('keeps the earlier start when a document is sent again before its push was recorded (a retry)', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.handedOut([doc('a', 2)]);
    pushes.answered([doc('a', 1)]);
    pushes.sending([doc('a', 1)], at(8));
    // The first answer's record never came (RxDB sent again instead); the second one's does.
    expect(pushes.recorded(['a'])).toBe(false);
    pushes.answered([doc('a', 1)]);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));
  });

  it('goes back to the earliest start among several due catch-ups, and to the very beginning when nothing was stored', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.sending([doc('b', 1)], at(7));
    pushes.handedOut([doc('a', 2), doc('b', 2)]);
    pushes.answered([doc('a', 1), doc('b', 1)]);
    expect(pushes.recorded(['b'])).toBe(true);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));

    const first = tracker();
    first.sending([doc('a', 1)], null);
    first.handedOut([doc('a', 2)]);
    first.answered([doc('a', 1)]);
    first.recorded(['a']);
    expect(first.pullFrom(at(3))).toBeNull();
  });

  it('forgets everything when cleared', () => {
    const pushes = tracker();
    pushes.sending([doc('a', 1)], at(5));
    pushes.handedOut([doc('a', 2)]);
    pushes.answered([doc('a', 1)]);
    pushes.clear();
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
    expect(pushes.unrecorded).toBe(0);
  });
});
