import { generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP second factor (RFC 6238, the authenticator-app default: SHA-1, 6 digits, 30 s) through otplib. A code is
 * accepted one step either side of now (clock drift) and only once: its time step must be later than the last
 * accepted one, so a code seen over a shoulder cannot be replayed.
 */
export const TOTP_ISSUER = 'Outpost';
const TOLERANCE_SECONDS = 30;

export interface SecondFactor {
  /** Base32 secret. */
  secret: string;
  /** False between enrolment and the first confirmed code. */
  enabled: boolean;
  /** Time step of the last accepted code (replay protection); null before the first. */
  lastTimeStep: number | null;
}

export function enrolSecondFactor(accountLabel: string, issuer = TOTP_ISSUER): { factor: SecondFactor; otpauthUri: string } {
  const secret = generateSecret();
  return {
    factor: { secret, enabled: false, lastTimeStep: null },
    otpauthUri: generateURI({ issuer, label: accountLabel, secret }),
  };
}

/** The factor with the accepted code's time step recorded, or null when the code is wrong, expired or reused. */
export async function acceptCode(factor: SecondFactor, code: string, epochSeconds?: number): Promise<SecondFactor | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: factor.secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(factor.lastTimeStep === null ? {} : { afterTimeStep: factor.lastTimeStep }),
    ...(epochSeconds === undefined ? {} : { epoch: epochSeconds }),
  }).catch(() => ({ valid: false as const }));
  if (!result.valid) return null;
  const timeStep = 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
  return { ...factor, lastTimeStep: timeStep ?? factor.lastTimeStep };
}
