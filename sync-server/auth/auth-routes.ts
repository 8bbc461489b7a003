import { randomUUID } from 'node:crypto';
import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import { publicUser } from './public-user';
import { loginSchema, refreshSchema, totpCodeSchema } from '../http/request-schemas';
import type { Route, ServerServices } from '../http/route-types';
import { acceptCode, enrolSecondFactor } from './second-factor';
import { afterFailedSignIn, afterSuccessfulSignIn, signInGate } from './sign-in-guard';
import { MAX_SESSIONS, type UserRecord } from './user-directory';

/** Sign-in (with per-account failure counting), refresh with rotation, sign-out, and the TOTP second factor. */
export function authRoutes(services: ServerServices): Route[] {
  const { users, tokens, audit, limit, authenticate, secondFactors, live } = services;

  /** Checks a TOTP code against the user's factor and records its time step so it cannot be used again. */
  async function requireCode(record: UserRecord, code: string, pending = false): Promise<boolean> {
    const factor = record.secondFactor ? await secondFactors.open(record.secondFactor) : null;
    if (!factor || factor.enabled === pending) {
      throw new HttpError(409, pending ? 'Start enrolment first' : 'Second factor is not enabled', {}, 'REQ005');
    }
    const accepted = await acceptCode(factor, code);
    if (!accepted) return false;
    await users.setSecondFactor(record.id, await secondFactors.seal({ ...accepted, enabled: true }));
    return true;
  }

  /** Sign-in attempts for one email run one after the other, so concurrent guesses are all counted. */
  const signInQueues = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (signInQueues.get(key) ?? Promise.resolve()).then(task, task);
    const settled = result.catch(() => undefined);
    signInQueues.set(key, settled);
    void settled.then(() => signInQueues.get(key) === settled && signInQueues.delete(key));
    return result;
  }

  async function refuseAttempt(record: UserRecord, reason: string): Promise<void> {
    const updated = await users.changeUser(record.id, (user) => afterFailedSignIn(user, Date.now()));
    // The entry is written before the refusal is answered.
    await audit.append('sign-in-refused', record.id, { reason, failedSignIns: updated.failedSignIns });
    if (updated.lockedAt && !record.lockedAt) await audit.append('account-locked', record.id, { userId: record.id, failedSignIns: updated.failedSignIns });
  }

  async function signIn(email: string, password: string, totpCode: string | undefined): Promise<unknown> {
    const known = await users.findByEmail(email);
    if (known) {
      const gate = signInGate(known, Date.now());
      if (!gate.open && gate.locked) {
        await audit.append('sign-in-refused', known.id, { reason: 'locked' });
        throw new HttpError(403, 'This account is locked after too many failed sign-ins; ask an Admin to unlock it', {}, 'AUTH006');
      }
      if (!gate.open) {
        throw new HttpError(429, `Too many failed sign-ins; try again in ${gate.retryAfterSeconds} s`, { 'retry-after': String(gate.retryAfterSeconds) });
      }
    }
    const record = await users.authenticate(email, password);
    if (!record) {
      if (known) await refuseAttempt(known, 'password');
      else await audit.append('sign-in-refused', null, { reason: 'unknown-email' });
      throw new HttpError(401, 'Email or password is wrong', {}, 'AUTH002');
    }
    if (record.secondFactor?.enabled) {
      // The password was right; say so only through the distinct code, so the app can ask for the TOTP code.
      if (totpCode === undefined) throw new HttpError(401, 'Enter the code from your authenticator app', {}, 'AUTH003');
      if (!(await requireCode(record, totpCode))) {
        await refuseAttempt(record, 'second-factor');
        throw new HttpError(401, 'The authenticator code is wrong, expired or already used', {}, 'AUTH004');
      }
    }
    if (record.disabled) {
      await audit.append('sign-in-refused', record.id, { reason: 'disabled' });
      throw new HttpError(403, 'This account is disabled; ask your Admin', {}, 'AUTH007');
    }
    const session = { id: randomUUID(), refreshJti: randomUUID(), createdAt: new Date().toISOString() };
    const updated = await users.changeUser(record.id, (user) => ({
      ...afterSuccessfulSignIn(user),
      sessions: [session, ...(user.sessions ?? [])].slice(0, MAX_SESSIONS),
    }));
    await audit.append('sign-in', record.id, { secondFactor: record.secondFactor?.enabled === true, sessionId: session.id });
    return { ...(await tokens.issue(record.id, updated.tokenVersion, session)), user: publicUser(updated) };
  }

  return [
    [
      'POST',
      /^\/auth\/login$/,
      async (ctx) => {
        services.limitSignIn(`ip:${ctx.req.socket.remoteAddress}`);
        const { email, password, totpCode } = parseInput(loginSchema, await readJson(ctx.req, 16 * 1024), 'login');
        sendJson(ctx.res, 200, await oneAtATime(email.trim().toLowerCase(), () => signIn(email, password, totpCode)));
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
        const answer = await oneAtATime(`refresh:${verified.sessionId}`, async () => {
          const record = await users.getUser(verified.userId);
          const session = record?.sessions?.find((each) => each.id === verified.sessionId);
          if (!record || record.disabled || !session || record.tokenVersion !== verified.tokenVersion) {
            throw new HttpError(401, 'Session ended; sign in again', {}, 'AUTH005');
          }
          if (session.refreshJti !== verified.jti) {
            // A refresh token of this session was used before: someone holds a copy. End the whole session family.
            await services.endSessions(record.id, 'refresh-token-reused', session.id);
            await audit.append('refresh-reused', record.id, { sessionId: session.id });
            throw new HttpError(401, 'This sign-in was ended because its refresh token was used twice; sign in again', {}, 'AUTH005');
          }
          const next = { ...session, refreshJti: randomUUID() };
          const updated = await users.changeUser(record.id, (user) => ({
            ...user,
            sessions: (user.sessions ?? []).map((each) => (each.id === session.id && each.refreshJti === verified.jti ? next : each)),
          }));
          if (!updated.sessions?.some((each) => each.id === next.id && each.refreshJti === next.refreshJti)) {
            throw new HttpError(401, 'Session ended; sign in again', {}, 'AUTH005');
          }
          return { ...(await tokens.issue(record.id, record.tokenVersion, next)), user: publicUser(updated) };
        });
        sendJson(ctx.res, 200, answer);
      },
    ],
    [
      'POST',
      /^\/auth\/logout$/,
      async (ctx) => {
        // Sign-out: ends this session (its refresh token, access tokens, streams and note sockets) at once.
        const { record, sessionId } = await authenticate(ctx);
        await services.endSessions(record.id, 'signed-out', sessionId);
        sendJson(ctx.res, 200, { signedOut: true });
      },
    ],
    [
      'POST',
      /^\/auth\/logout-all$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        await services.endSessions(record.id, 'signed-out-everywhere');
        sendJson(ctx.res, 200, { signedOut: true });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/enrol$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        if (record.secondFactor?.enabled) throw new HttpError(409, 'A second factor is already enabled; disable it first', {}, 'REQ005');
        const { factor, otpauthUri } = enrolSecondFactor(record.email);
        await audit.append('second-factor-enrolled', record.id, {});
        await users.setSecondFactor(record.id, await secondFactors.seal(factor));
        sendJson(ctx.res, 200, { secret: factor.secret, otpauthUri });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/confirm$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        const { code } = parseInput(totpCodeSchema, await readJson(ctx.req, 1024), 'confirmation');
        if (!(await requireCode(record, code, true))) throw new HttpError(401, 'The authenticator code is wrong, expired or already used', {}, 'AUTH004');
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
        if (!(await requireCode(record, code))) throw new HttpError(401, 'The authenticator code is wrong, expired or already used', {}, 'AUTH004');
        await audit.append('second-factor-disabled', record.id, { userId: record.id });
        await users.setSecondFactor(record.id, null);
        sendJson(ctx.res, 200, { secondFactorEnabled: false });
      },
    ],
  ];
}
