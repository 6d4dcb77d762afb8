import Fastify, { type FastifyInstance } from 'fastify';
import type { WitnessRefusal, WitnessRefusalCode } from '../integrity/witness/witness-protocol.js';
import { WITNESS_PATHS } from '../integrity/witness/witness-protocol.js';
import { parseCosignRequest } from './cosign-request.js';
import type { Witness } from './witness.js';

export interface WitnessAppOptions {
  witness: Witness;
  /**
   * Told one line per decision (co-signed, or refused and why) and of any failure. Only sizes, codes and a
   * shortened ledger key id: heads carry no personal data, and root hashes in every line help no one.
   */
  log?: (line: string) => void;
}

const refusal = (code: WitnessRefusal['error']['code'], message: string): WitnessRefusal => ({ error: { code, message } });
/** A head refused is a conflict with what the witness has signed; a request it cannot read is the client's mistake. */
const statusOf = (code: WitnessRefusalCode) => (code === 'BAD_INPUT' ? 400 : 409);
const short = (keyId: string) => keyId.slice(0, 12);

/** The witness over HTTP: three routes, JSON in and out, every client mistake a 4xx with a code. */
export function buildWitnessApp({ witness, log = () => {} }: WitnessAppOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

  app.get(WITNESS_PATHS.info, async () => witness.info);

  app.get<{ Params: { ledgerKeyId: string } }>('/v1/heads/:ledgerKeyId/latest', async (request, reply) => {
    const latest = witness.latest(request.params.ledgerKeyId);
    if (latest) return latest;
    return reply.code(404).send(refusal('NOT_FOUND', 'this witness has co-signed no head for that ledger key'));
  });

  app.post(WITNESS_PATHS.cosign, async (request, reply) => {
    const parsed = parseCosignRequest(request.body);
    if (!parsed.ok) {
      log(`refused BAD_INPUT: ${parsed.message}`);
      return reply.code(400).send(refusal('BAD_INPUT', parsed.message));
    }
    const { head } = parsed.request;
    const outcome = witness.cosign(parsed.request);
    const about = `ledger ${short(head.keyId)}, head of ${head.treeSize} entries`;
    if (!outcome.ok) {
      log(`refused ${outcome.code} (${about}): ${outcome.message}`);
      return reply.code(statusOf(outcome.code)).send(refusal(outcome.code, outcome.message));
    }
    log(outcome.again ? `co-signed before (${about}): the same co-signature again` : `co-signed (${about})`);
    return outcome.cosignature;
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send(refusal('NOT_FOUND', `no such route: ${request.method} ${request.url.split('?')[0]}`)));
  // Unparseable JSON, a body too large, an unsupported content type: the client's, so a 4xx in the same shape.
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(refusal('BAD_INPUT', error.message ?? 'the request cannot be read'));
    log(`FAILED: ${error.message ?? String(error)}`);
    return reply.code(500).send({ error: { code: 'WITNESS_FAILED', message: 'the witness failed' } });
  });
  return app;
}
