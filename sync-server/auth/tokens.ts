import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenTtls {
  accessSeconds: number;
  refreshSeconds: number;
}

export const DEFAULT_TTLS: TokenTtls = { accessSeconds: 15 * 60, refreshSeconds: 30 * 24 * 60 * 60 };

const ISSUER = 'outpost-sync';

/**
 * Access tokens name the user and their session (`sid`; the role is read fresh on every request, and a session that
 * was ended refuses its access tokens at once); refresh tokens also carry the user's token version (a role change
 * ends sessions at their next refresh) and their own id (`jti`), which the session must name for the refresh to work:
 * each refresh rotates it, so a refresh token used twice is detected.
 */
export class TokenIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttls: TokenTtls = DEFAULT_TTLS,
  ) {}

  /** Tokens for a session; `refreshJti` is the id the session expects on the next refresh. */
  async issue(
    userId: string,
    tokenVersion: number,
    session: { id: string; refreshJti: string },
  ): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }> {
    const sign = (typ: string, seconds: number, jti: string, claims: Record<string, unknown> = {}) =>
      new SignJWT({ typ, sid: session.id, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setJti(jti)
        .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
        .sign(this.secret);
    return {
      accessToken: await sign('access', this.ttls.accessSeconds, crypto.randomUUID()),
      refreshToken: await sign('refresh', this.ttls.refreshSeconds, session.refreshJti, { ver: tokenVersion }),
      expiresIn: this.ttls.accessSeconds,
    };
  }

  /** The user and session of a valid access token (and when it expires, epoch ms), or an Error saying why not. */
  verifyAccess(token: string): Promise<{ userId: string; sessionId: string; expiresAt: number } | Error> {
    return this.verify(token, 'access').then((payload) => {
      if (payload instanceof Error) return payload;
      const sid = payload['sid'];
      if (typeof sid !== 'string') return new Error('Token has no session');
      return { userId: payload.sub, sessionId: sid, expiresAt: Number(payload['exp']) * 1000 };
    });
  }

  verifyRefresh(token: string): Promise<{ userId: string; tokenVersion: number; sessionId: string; jti: string } | Error> {
    return this.verify(token, 'refresh').then((payload) => {
      if (payload instanceof Error) return payload;
      const { ver, sid, jti } = payload;
      if (typeof ver !== 'number') return new Error('Refresh token has no version');
      if (typeof sid !== 'string' || typeof jti !== 'string') return new Error('Refresh token has no session');
      return { userId: payload.sub, tokenVersion: ver, sessionId: sid, jti };
    });
  }

  private async verify(token: string, typ: string): Promise<(Record<string, unknown> & { sub: string }) | Error> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER });
      if (payload['typ'] !== typ) return new Error(`Expected an ${typ} token`);
      if (typeof payload.sub !== 'string') return new Error('Token has no subject');
      return payload as Record<string, unknown> & { sub: string };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return new Error('Token expired');
      return new Error('Token invalid');
    }
  }
}
