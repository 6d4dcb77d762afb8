import type { FastifyInstance } from 'fastify';
import { summarise, type LatencySummary } from './stats.js';

export interface PageTiming {
  /** Who was signed in, and the page's route pattern (no ids). */
  person: string;
  page: string;
  status: number;
  /** Server time per request (Fastify's own measure, request received to response sent), in ms. */
  server: LatencySummary;
}

/** Fastify's own server time of each response, collected by route: add before the app is ready. */
export function collectServerTimes(app: FastifyInstance): Map<string, number[]> {
  const times = new Map<string, number[]>();
  app.addHook('onResponse', async (request, reply) => {
    const key = `${request.method} ${request.url}`;
    const list = times.get(key) ?? [];
    list.push(reply.elapsedTime);
    times.set(key, list);
  });
  return times;
}

/** Signs in through the development sign-in, as a browser does: the session cookie to send with each page. */
export async function signedInCookie(app: FastifyInstance, personKey: string): Promise<string> {
  const form = await app.inject({ method: 'GET', url: '/sign-in' });
  const cookie = String(form.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const signedIn = await app.inject({
    method: 'POST',
    url: '/sign-in/development',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, person: personKey }).toString(),
  });
  if (signedIn.statusCode !== 303) throw new Error(`signing in as ${personKey} answered ${signedIn.statusCode}`);
  return String(signedIn.headers['set-cookie']).split(';')[0]!;
}

/** Request a page `rounds` times after `warmup` unmeasured ones, and summarise its server time. */
export async function timePage(
  app: FastifyInstance,
  times: Map<string, number[]>,
  cookie: string,
  person: string,
  url: string,
  page: string,
  options: { warmup: number; rounds: number },
): Promise<PageTiming> {
  let status = 0;
  for (let i = 0; i < options.warmup; i++) await app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
  times.delete(`GET ${url}`);
  for (let i = 0; i < options.rounds; i++) status = (await app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } })).statusCode;
  return { person, page, status, server: summarise(times.get(`GET ${url}`) ?? []) };
}

/** The links on a page that stay within one child's record, as route patterns to request. */
export function childLinksOn(html: string, childId: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/href="(\/children\/[^"#]+)"/g)) {
    const href = match[1]!.replaceAll('&amp;', '&');
    if (href.startsWith(`/children/${childId}`)) links.add(href);
  }
  return [...links];
}

/** A link's route pattern: ids replaced, so a report names pages rather than records. */
export const routeOf = (href: string): string =>
  href
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    // A list's next page is the same route with a cursor: named once, whatever the cursor.
    .replace(/([?&])after=[^&]*/, '$1after=:cursor');
