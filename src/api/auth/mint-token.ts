import { SignJWT } from 'jose';
import type { Role } from '../../domain/roles.js';

export interface TokenRequest {
  actorId: string;
  displayName: string;
  role: Role;
  organisation: string;
  /** Lifetime, e.g. "8h" (jose time span). */
  expiresIn?: string;
}

/** Development tokens: HS256 with the local secret. Real deployments take tokens from their identity provider. */
export async function mintDevToken(secret: string, issuer: string, audience: string, request: TokenRequest): Promise<string> {
  return new SignJWT({ name: request.displayName, role: request.role, org: request.organisation })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.actorId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}
