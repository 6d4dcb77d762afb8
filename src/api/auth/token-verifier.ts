import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import type { Actor } from '../../ledger/envelope.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** HS* shared secret, or */
  secret?: string;
  /** the identity provider's key set. */
  jwksUrl?: string;
}

export class InvalidToken extends Error {
  constructor(reason: string) {
    super(`the bearer token was not accepted: ${reason}`);
    this.name = 'InvalidToken';
  }
}

/**
 * The claims an actor is made of. `org` is the organisation the person acts for (an LA code, a URN...).
 * Each is recorded in every entry the person makes, so each must be text the ledger can store (RFC 8785
 * has no form for a lone UTF-16 surrogate).
 */
const claim = () => z.string().min(1).refine((value) => value.isWellFormed(), 'must be valid Unicode text');
const ActorClaims = z.object({
  sub: claim(),
  name: claim(),
  role: z.enum(ROLES),
  org: claim(),
});

export type VerifyToken = (token: string) => Promise<Actor>;

export function createTokenVerifier(settings: TokenSettings): VerifyToken {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.secret ?? '');
  if (!settings.jwksUrl && !settings.secret) throw new Error('token verification needs a secret or a JWKS URL');

  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: settings.algorithms,
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new InvalidToken(error instanceof Error && 'code' in error ? String(error.code) : 'verification failed');
    }
    const claims = ActorClaims.safeParse(payload);
    if (!claims.success) throw new InvalidToken(`claims ${claims.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`);
    return { id: claims.data.sub, displayName: claims.data.name, role: claims.data.role, organisation: claims.data.org };
  };
}
