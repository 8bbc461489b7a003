import type { UserRecord } from './user-directory';

/** A user as the API shows it: no password hash, token version, sessions, sign-in counters or second-factor secret. */
export const publicUser = ({
  passwordHash: _hash,
  tokenVersion: _version,
  secondFactor,
  sessions: _sessions,
  pastAccess: _past,
  failedSignIns: _failures,
  lastFailedSignInAt: _lastFailure,
  lockedAt: _locked,
  disabled: _disabled,
  ...rest
}: UserRecord) => ({
  ...rest,
  secondFactorEnabled: secondFactor?.enabled === true,
});
