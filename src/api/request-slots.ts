import type { FastifyInstance } from 'fastify';

/**
 * At most `limit` requests are worked on at once; the rest wait their turn in arrival order. A request reading a
 * long record holds its decrypted entries, the answer being built and the serialised reply in memory, so without
 * a bound the server's memory grows with however many clients call at once; with one, it stays flat under load,
 * and on a machine with few cores the work takes no longer (it was waiting for the CPU anyway).
 *
 * A slot is given back when the response closes, however it ends (sent, failed, or the client went away).
 * `/health` never waits, so a load balancer can tell a busy server from a dead one.
 */
export function limitRequestsInProgress(app: FastifyInstance, limit: number): void {
  let inProgress = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    // Handed straight to the next in line, so no request arriving meanwhile can slip past the bound.
    const next = waiting.shift();
    if (next) next();
    else inProgress--;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/health') return;
    if (inProgress < limit) inProgress++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    reply.raw.once('close', release);
  });
}
