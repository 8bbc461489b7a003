import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import { publicUser } from './public-user';
import { loginSchema, refreshSchema, totpCodeSchema } from '../http/request-schemas';
import type { Route, ServerServices } from '../http/route-types';
import { acceptCode, enrolSecondFactor } from './second-factor';
import type { UserRecord } from './user-directory';

/** Sign-in, token refresh and the TOTP second factor (enrol, confirm, disable). */
export function authRoutes(services: ServerServices): Route[] {
  const { users, tokens, audit, limit, authenticate } = services;

  /** Checks a TOTP code against the user's factor and records its time step so it cannot be used again. */
  async function requireCode(record: UserRecord, code: string, pending = false): Promise<void> {
    const factor = record.secondFactor;
    if (!factor || factor.enabled === pending) {
      throw new HttpError(409, pending ? 'Start enrolment first' : 'Second factor is not enabled', {}, 'REQ005');
    }
    const accepted = await acceptCode(factor, code);
    if (!accepted) throw new HttpError(401, 'The authenticator code is wrong, expired or already used', {}, 'AUTH004');
    await users.setSecondFactor(record.id, { ...accepted, enabled: true });
  }

  return [
    [
      'POST',
      /^\/auth\/login$/,
      async (ctx) => {
        limit(`ip:${ctx.req.socket.remoteAddress}`);
        const { email, password, totpCode } = parseInput(loginSchema, await readJson(ctx.req, 16 * 1024), 'login');
        const record = await users.authenticate(email, password);
        if (!record) {
          await audit.append('sign-in-refused', null, { email: email.toLowerCase() });
          throw new HttpError(401, 'Email or password is wrong', {}, 'AUTH002');
        }
        if (record.secondFactor?.enabled) {
          // The password was right; say so only through the distinct code, so the app can ask for the TOTP code.
          if (totpCode === undefined) throw new HttpError(401, 'Enter the code from your authenticator app', {}, 'AUTH003');
          try {
            await requireCode(record, totpCode);
          } catch (error) {
            await audit.append('sign-in-refused', record.id, { reason: 'second-factor' });
            throw error;
          }
        }
        await audit.append('sign-in', record.id, { secondFactor: record.secondFactor?.enabled === true });
        sendJson(ctx.res, 200, { ...(await tokens.issue(record.id, record.tokenVersion)), user: publicUser(record) });
      },
    ],
    [
      'POST',
      /^\/auth\/refresh$/,
      async (ctx) => {
        limit(`ip:${ctx.req.socket.remoteAddress}`);
        const { refreshToken } = parseInput(refreshSchema, await readJson(ctx.req, 16 * 1024), 'refresh request');
        const verified = await tokens.verifyRefresh(refreshToken);
        if (verified instanceof Error) throw new HttpError(401, verified.message, {}, 'AUTH005');
        const record = await users.getUser(verified.userId);
        if (!record || record.tokenVersion !== verified.tokenVersion) throw new HttpError(401, 'Session ended; sign in again', {}, 'AUTH005');
        sendJson(ctx.res, 200, { ...(await tokens.issue(record.id, record.tokenVersion)), user: publicUser(record) });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/enrol$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        if (record.secondFactor?.enabled) throw new HttpError(409, 'A second factor is already enabled; disable it first', {}, 'REQ005');
        const { factor, otpauthUri } = enrolSecondFactor(record.email);
        await users.setSecondFactor(record.id, factor);
        await audit.append('second-factor-enrolled', record.id, {});
        sendJson(ctx.res, 200, { secret: factor.secret, otpauthUri });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/confirm$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        const { code } = parseInput(totpCodeSchema, await readJson(ctx.req, 1024), 'confirmation');
        await requireCode(record, code, true);
        await audit.append('second-factor-enabled', record.id, {});
        sendJson(ctx.res, 200, { secondFactorEnabled: true });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/disable$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        const { code } = parseInput(totpCodeSchema, await readJson(ctx.req, 1024), 'code');
        await requireCode(record, code);
        await users.setSecondFactor(record.id, null);
        await audit.append('second-factor-disabled', record.id, { userId: record.id });
        sendJson(ctx.res, 200, { secondFactorEnabled: false });
      },
    ],
  ];
}
