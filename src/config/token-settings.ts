import { loadOrCreateDevSecret } from '../api/auth/dev-secret.js';
import type { TokenSettings } from '../api/auth/token-verifier.js';
import type { Config } from './config.js';

/** How tokens are verified: the identity provider's JWKS when configured, else the (development) shared secret. */
export function tokenSettingsFrom(config: Config): TokenSettings {
  const common = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS };
  if (config.AUTH_JWKS_URL) {
    return { ...common, jwksUrl: config.AUTH_JWKS_URL, algorithms: config.AUTH_ALGORITHMS ?? ['RS256', 'ES256'] };
  }
  return {
    ...common,
    secret: config.AUTH_JWT_SECRET ?? loadOrCreateDevSecret(config.SEND_LEDGER_DATA_DIR),
    algorithms: config.AUTH_ALGORITHMS ?? ['HS256'],
  };
}
