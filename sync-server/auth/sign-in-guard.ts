import type { UserRecord } from './user-directory';

/**
 * Per-account guessing limits, pure: the first few failed sign-ins (wrong password or second-factor code) are free,
 * then each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s, … up to 5 min) and the account
 * locks at the threshold until an Admin unlocks it. A lockout can be triggered by anyone who knows the email (the
 * usual trade-off against unlimited guessing); the per-address limit and the audit log show who does it.
 */
export const SIGN_IN_POLICY = { freeFailures: 3, lockAfter: 10, maxDelaySeconds: 300 } as const;

export type SignInGate = { open: true } | { open: false; locked: true } | { open: false; locked: false; retryAfterSeconds: number };

export function signInGate(user: Pick<UserRecord, 'failedSignIns' | 'lastFailedSignInAt' | 'lockedAt'>, now: number, policy = SIGN_IN_POLICY): SignInGate {
  if (user.lockedAt) return { open: false, locked: true };
  const failures = user.failedSignIns ?? 0;
  if (failures < policy.freeFailures || !user.lastFailedSignInAt) return { open: true };
  const delaySeconds = Math.min(policy.maxDelaySeconds, 2 ** (failures - policy.freeFailures));
  const waitMs = Date.parse(user.lastFailedSignInAt) + delaySeconds * 1000 - now;
  return waitMs > 0 ? { open: false, locked: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { open: true };
}

export function afterFailedSignIn(user: UserRecord, now: number, policy = SIGN_IN_POLICY): UserRecord {
  const failedSignIns = (user.failedSignIns ?? 0) + 1;
  const at = new Date(now).toISOString();
  return { ...user, failedSignIns, lastFailedSignInAt: at, lockedAt: user.lockedAt ?? (failedSignIns >= policy.lockAfter ? at : null) };
}

export function afterSuccessfulSignIn(user: UserRecord): UserRecord {
  return { ...user, failedSignIns: 0, lastFailedSignInAt: null };
}

export function unlocked(user: UserRecord): UserRecord {
  return { ...user, failedSignIns: 0, lastFailedSignInAt: null, lockedAt: null };
}
