import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { GOVUK_FRONTEND, MOJ_FRONTEND, WEB_DIR } from './templates.js';

const ONE_DAY = 86_400_000;

/** The design systems' stylesheets, scripts, fonts and images: the same public files for everyone, signed in or not. */
export const isPublicAsset = (url: string): boolean => /^\/(assets|govuk|moj|app)\//.test(url);

/**
 * The design systems' compiled CSS, JavaScript, fonts and images, served from the installed packages (so the
 * service works on a network without internet), and the service's own few files. Only the files the pages use
 * are reachable.
 */
export async function serveAssets(app: FastifyInstance): Promise<void> {
  const common = { maxAge: ONE_DAY, decorateReply: false, index: false as const, wildcard: true };
  // Both stylesheets ask for their fonts and images under /assets/.
  await app.register(fastifyStatic, { ...common, root: [join(GOVUK_FRONTEND, 'govuk', 'assets'), join(MOJ_FRONTEND, 'moj', 'assets')], prefix: '/assets/' });
  await app.register(fastifyStatic, {
    ...common,
    root: join(GOVUK_FRONTEND, 'govuk'),
    prefix: '/govuk/',
    allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
  });
  await app.register(fastifyStatic, {
    ...common,
    root: join(MOJ_FRONTEND, 'moj'),
    prefix: '/moj/',
    allowedPath: (path) => /^\/moj-frontend\.min\.(css|js)(\.map)?$/.test(path),
  });
  await app.register(fastifyStatic, { ...common, root: join(WEB_DIR, 'assets'), prefix: '/app/' });
}
