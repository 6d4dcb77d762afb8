import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../ledger/envelope.js';
import { InvalidToken, type VerifyToken } from './token-verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Sets request.actor from a verified bearer token. No token: anonymous (the resolvers refuse
 * anything but `__typename`). A token that does not verify: 401, so a caller never mistakes a bad
 * token for an empty answer.
 */
export function authenticate(verify: VerifyToken) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.actor = null;
    const header = request.headers.authorization;
    if (header === undefined) return;
    const match = BEARER.exec(header);
    try {
      if (!match) throw new InvalidToken('expected "Authorization: Bearer <token>"');
      request.actor = await verify(match[1]!);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      return reply.code(401).send({ data: null, errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
}
