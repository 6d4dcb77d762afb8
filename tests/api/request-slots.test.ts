import http from 'node:http';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { limitRequestsInProgress } from '../../src/api/request-slots.js';

/** An app whose /work requests park until released, counting how many are being worked on at once. */
function parkingApp(limit: number) {
  const app = Fastify();
  limitRequestsInProgress(app, limit);
  const parked: Array<() => void> = [];
  let working = 0;
  let most = 0;
  app.get('/work', async () => {
    working++;
    most = Math.max(most, working);
    await new Promise<void>((resolve) => parked.push(resolve));
    working--;
    return { ok: true };
  });
  app.get('/health', async () => ({ status: 'ok' }));
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(condition()).toBe(true);
  };
  return { app, parked, working: () => working, most: () => most, until };
}

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('requests in progress', () => {
  it('works on at most the limit at once, and answers every request in turn', async () => {
    const t = parkingApp(2);
    apps.push(t.app);
    const replies = Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: '/work' }));
    await t.until(() => t.parked.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.working()).toBe(2);
    while ((await Promise.race([Promise.all(replies).then(() => true), new Promise((r) => setTimeout(() => r(false), 5))])) === false) {
      t.parked.shift()?.();
    }
    expect((await Promise.all(replies)).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(t.most()).toBe(2);
  });

  it('answers /health while every slot is taken', async () => {
    const t = parkingApp(1);
    apps.push(t.app);
    const busy = t.app.inject({ method: 'GET', url: '/work' });
    await t.until(() => t.parked.length === 1);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    t.parked.shift()!();
    expect((await busy).statusCode).toBe(200);
  });

  it('gives a slot back when the client goes away before the answer', async () => {
    const t = parkingApp(1);
    apps.push(t.app);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const abandoned = http.get({ host: '127.0.0.1', port, path: '/work' });
    abandoned.on('error', () => {});
    await t.until(() => t.parked.length === 1);
    abandoned.destroy();
    // The abandoned handler is still parked, but its slot is free: the next request is worked on.
    const next = fetch(`http://127.0.0.1:${port}/work`);
    await t.until(() => t.parked.length === 2);
    t.parked.splice(0).forEach((release) => release());
    expect((await next).status).toBe(200);
  });

  it('forgets a request whose client went away while it waited, so its turn is not lost', async () => {
    const t = parkingApp(1);
    apps.push(t.app);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const holder = fetch(`http://127.0.0.1:${port}/work`);
    await t.until(() => t.parked.length === 1);
    // Several clients queue behind it and give up before their turn (as a load generator does when it stops).
    const quitters = Array.from({ length: 3 }, () => http.get({ host: '127.0.0.1', port, path: '/work' }).on('error', () => {}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    quitters.forEach((request) => request.destroy());
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.parked.shift()!();
    expect((await holder).status).toBe(200);
    // Had the quitters kept their places, or leaked the slot, this request would never be worked on.
    const next = fetch(`http://127.0.0.1:${port}/work`);
    await t.until(() => t.parked.length === 1);
    t.parked.shift()!();
    expect((await next).status).toBe(200);
    expect(t.most()).toBe(1);
  });
});
