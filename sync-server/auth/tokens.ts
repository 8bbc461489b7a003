import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenTtls {
  accessSeconds: number;
  refreshSeconds: number;
}

export const DEFAULT_TTLS: TokenTtls = { accessSeconds: 15 * 60, refreshSeconds: 30 * 24 * 60 * 60 };

const ISSUER = 'outpost-sync';

/**
 * Access tokens name only the user (their role is read fresh on every request); refresh tokens also carry the
 * user's token version, so a role change ends sessions at their next refresh.
 */
export class TokenIssuer {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttls: TokenTtls = DEFAULT_TTLS,
  ) {}

  async issue(userId: string, tokenVersion: number): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }> {
    const sign = (typ: string, seconds: number, claims: Record<string, unknown> = {}) =>
      new SignJWT({ typ, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
        .sign(this.secret);
    return {
      accessToken: await sign('access', this.ttls.accessSeconds),
      refreshToken: await sign('refresh', this.ttls.refreshSeconds, { ver: tokenVersion }),
      expiresIn: this.ttls.accessSeconds,
    };
  }

  /** The user id of a valid access token, or an Error saying why not. */
  verifyAccess(token: string): Promise<{ userId: string } | Error> {
    return this.verify(token, 'access').then((payload) => (payload instanceof Error ? payload : { userId: payload.sub }));
  }

  verifyRefresh(token: string): Promise<{ userId: string; tokenVersion: number } | Error> {
    return this.verify(token, 'refresh').then((payload) => {
      if (payload instanceof Error) return payload;
      const ver = payload['ver'];
      return typeof ver === 'number' ? { userId: payload.sub, tokenVersion: ver } : new Error('Refresh token has no version');
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
