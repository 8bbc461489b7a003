import type { UserRecord } from './user-directory';

/** A user as the API shows it: no password hash, token version or second-factor secret. */
export const publicUser = ({ passwordHash: _hash, tokenVersion: _version, secondFactor, ...rest }: UserRecord) => ({
  ...rest,
  secondFactorEnabled: secondFactor?.enabled === true,
});
