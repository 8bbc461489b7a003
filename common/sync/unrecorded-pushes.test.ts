import { describe, expect, it } from 'vitest';
import { unrecordedPushes } from './unrecorded-pushes';

type Cp = { seq: number };
const at = (seq: number): Cp => ({ seq });

describe('unrecordedPushes', () => {
  it('leaves the pull alone when nothing of a pushed document was handed out before its push was recorded', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.answered(['a']);
    pushes.handedOut(['b']);
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
    expect(pushes.unrecorded).toBe(0);
  });

  it('goes back once to the checkpoint stored when the push started, after a hand-out of that document before it was recorded', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a', 'b'], at(5));
    pushes.handedOut(['a']);
    pushes.answered(['a', 'b']);
    expect(pushes.recorded(['a', 'b'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));
    // Once: the next pull is RxDB's own again.
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
  });

  it('counts a hand-out between the answer and the record (RxDB writes its meta rows after the handler returns)', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.answered(['a']);
    pushes.handedOut(['a']);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(7))).toEqual(at(5));
  });

  it('ignores a record written before the answer (an earlier push of the document) and keeps the window open', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.handedOut(['a']);
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.unrecorded).toBe(1);
    pushes.answered(['a']);
    expect(pushes.recorded(['a'])).toBe(true);
  });

  it('keeps the earlier start when a document is sent again before its push was recorded (a retry)', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.handedOut(['a']);
    pushes.answered(['a']);
    pushes.sending(['a'], at(8));
    // The first answer's record never came (RxDB re-sent instead); the second one's does.
    expect(pushes.recorded(['a'])).toBe(false);
    pushes.answered(['a']);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));
  });

  it('goes back to the earliest start among several due catch-ups, and to the very beginning when nothing was stored', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.sending(['b'], at(7));
    pushes.handedOut(['a', 'b']);
    pushes.answered(['a', 'b']);
    expect(pushes.recorded(['b'])).toBe(true);
    expect(pushes.recorded(['a'])).toBe(true);
    expect(pushes.pullFrom(at(9))).toEqual(at(5));

    const first = unrecordedPushes<Cp>();
    first.sending(['a'], null);
    first.handedOut(['a']);
    first.answered(['a']);
    first.recorded(['a']);
    expect(first.pullFrom(at(3))).toBeNull();
  });

  it('forgets everything when cleared', () => {
    const pushes = unrecordedPushes<Cp>();
    pushes.sending(['a'], at(5));
    pushes.handedOut(['a']);
    pushes.answered(['a']);
    pushes.clear();
    expect(pushes.recorded(['a'])).toBe(false);
    expect(pushes.pullFrom(at(9))).toEqual(at(9));
    expect(pushes.unrecorded).toBe(0);
  });
});
