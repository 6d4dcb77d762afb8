import type { FastifyInstance } from 'fastify';

interface Waiter {
  /** True once a slot was handed over; false if woken because the client went away while waiting. */
  granted: boolean;
  wake: () => void;
}

/**
 * At most `limit` requests are worked on at once; the rest wait their turn in arrival order. A request reading a
 * long record holds its decrypted entries, the answer being built and the serialised reply in memory, so without
 * a bound the server's memory grows with however many clients call at once; with one, it stays flat under load,
 * and on a machine with few cores the work takes no longer (it was waiting for the CPU anyway).
 *
 * A slot is given back when the response closes, however it ends (sent, failed, or the client went away), and
 * a client that goes away while waiting leaves the queue. `/health` never waits, so a load balancer can tell a
 * busy server from a dead one.
 */
export function limitRequestsInProgress(app: FastifyInstance, limit: number): void {
  let inProgress = 0;
  const waiting: Waiter[] = [];
  const release = () => {
    // Handed straight to the next in line, so no request arriving meanwhile can slip past the bound.
    const next = waiting.shift();
    if (!next) {
      inProgress--;
      return;
    }
    next.granted = true;
    next.wake();
  };
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/health') return;
    let holding = false;
    let closed = false;
    let waiter: Waiter | undefined;
    // Listened for from the start: a client can go away while its request waits, and the event does not repeat.
    reply.raw.once('close', () => {
      closed = true;
      if (holding) {
        holding = false;
        release();
      } else if (waiter && !waiter.granted) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.wake();
      }
    });
    if (inProgress < limit) {
      inProgress++;
      holding = true;
      return;
    }
    await new Promise<void>((wake) => {
      waiter = { granted: false, wake };
      waiting.push(waiter);
    });
    if (!waiter!.granted) {
      // Gone while waiting: it holds no slot, and no one would read an answer, so none is worked out.
      reply.hijack();
      return;
    }
    if (closed) {
      // Gone between the handover and now: the slot goes on to the next in line.
      release();
      reply.hijack();
      return;
    }
    holding = true;
  });
}
