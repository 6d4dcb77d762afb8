import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { findGraphiqlPackages, type GraphiqlPackages } from './graphiql-packages.js';
import { GRAPHIQL_ASSETS, GRAPHIQL_BOOT, GRAPHIQL_PATH, GRAPHIQL_STYLE, graphiqlPage } from './graphiql-page.js';

const NOT_INSTALLED = (missing: readonly string[]) =>
  `GraphiQL is a development tool, and its packages are not installed here (missing: ${missing.join(', ')}).\n` +
  'They are development dependencies: `npm ci` installs them, `npm ci --omit=dev` (the production image) does not.\n';

/**
 * GraphiQL in development, served from the installed packages so that it works on a network without internet
 * (Mercurius's own loads React and GraphiQL from a CDN). Registered only in development.
 */
export async function registerGraphiql(app: FastifyInstance, packages: GraphiqlPackages = findGraphiqlPackages()): Promise<void> {
  if (!packages.installed) {
    app.get(GRAPHIQL_PATH, async (_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send(NOT_INSTALLED(packages.missing)));
    return;
  }
  const built = (suffix: string) => packages.files.filter((f) => f.name.endsWith(suffix)).map((f) => `${GRAPHIQL_ASSETS}${f.name}`);
  const page = graphiqlPage([...built('.js'), `${GRAPHIQL_PATH}/boot.js`], [...built('.css'), `${GRAPHIQL_PATH}/page.css`]);
  app.get(GRAPHIQL_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page));
  app.get(`${GRAPHIQL_PATH}/boot.js`, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(GRAPHIQL_BOOT));
  app.get(`${GRAPHIQL_PATH}/page.css`, async (_request, reply) => reply.type('text/css; charset=utf-8').send(GRAPHIQL_STYLE));

  const served = new Set(packages.files.map((f) => `/${f.name}`));
  await app.register(fastifyStatic, {
    root: [...new Set(packages.files.map((f) => dirname(f.path)))],
    prefix: GRAPHIQL_ASSETS,
    decorateReply: false,
    index: false,
    wildcard: true,
    // Only the four builds: not the packages' source maps, sources or package.json.
    allowedPath: (path) => served.has(path),
  });
}
