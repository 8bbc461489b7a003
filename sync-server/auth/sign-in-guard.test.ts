import { describe, expect, it } from 'vitest';
import { afterFailedSignIn, afterSuccessfulSignIn, signInGate, SIGN_IN_POLICY } from './sign-in-guard';
import type { UserRecord } from './user-directory';

const user = { id: 'u', failedSignIns: 0 } as UserRecord;

describe('per-account sign-in gate', () => {
  it('lets the first failures through, then makes each attempt wait twice as long, then locks', () => {
    let now = 1_000_000;
    let record = user;
    const waits: number[] = [];
    for (let i = 0; i < SIGN_IN_POLICY.lockAfter; i++) {
      const gate = signInGate(record, now);
      waits.push(gate.open ? 0 : 'retryAfterSeconds' in gate ? gate.retryAfterSeconds : -1);
      if (!gate.open && !gate.locked) now += gate.retryAfterSeconds * 1000;
      record = afterFailedSignIn(record, now);
    }
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64]);
    expect(signInGate(record, now + 10 ** 9)).toEqual({ open: false, locked: true });
    expect(signInGate(afterSuccessfulSignIn(afterFailedSignIn(user, now)), now)).toEqual({ open: true });
  });
});
