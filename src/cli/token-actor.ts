import { createTokenVerifier, InvalidToken } from '../api/auth/token-verifier.js';
import type { Config } from '../config/config.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import type { Actor } from '../ledger/envelope.js';
import { UsageError } from './command-line.js';

/** The variable a command reads its user's token from: what it reads is logged as read by the person the token names. */
export const TOKEN_VARIABLE = 'SEND_LEDGER_TOKEN';

/** The token, checked for before anything is loaded: a missing one is a mistake in the command line (`why` says what it is for). */
export function tokenFromEnvironment(why: string): string {
  const token = process.env[TOKEN_VARIABLE]?.trim();
  if (!token) throw new UsageError(`set ${TOKEN_VARIABLE} to your token: ${why}`);
  return token;
}

/** Who runs the command, as the API judges a bearer token: verified against the configured issuer and keys. */
export async function actorOfToken(config: Config, token: string): Promise<Actor> {
  try {
    return await createTokenVerifier(tokenSettingsFrom(config))(token);
  } catch (error) {
    if (error instanceof InvalidToken) throw new UsageError(`${TOKEN_VARIABLE}: ${error.message}`);
    throw error;
  }
}
