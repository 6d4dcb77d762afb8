// npm run build [-- --out-dir <dir>] [--no-check]
//
// The release: TypeScript compiled by tsc (tsconfig.build.json) and, beside it, every file the code reads
// from disk relative to itself (schema.graphql, the page templates and the service's own assets), so
// `node dist/src/server.js` needs nothing but dist/, package.json and the production node_modules.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written last: a build that stopped half-way has none, so it counts as out of date. */
export const BUILD_STAMP = '.build-complete';
/** Folders compiled into the release; whatever in them is not TypeScript is data the code reads beside itself. */
export const SOURCE_FOLDERS = ['src', 'projections'];
/** Read by src/app.ts as ../schema.graphql. */
const ROOT_FILES = ['schema.graphql'];

function filesBesideTheCode(folder) {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function refuseToEmpty(outDir) {
  const fromOut = relative(outDir, ROOT);
  if (!fromOut.startsWith('..') || SOURCE_FOLDERS.some((folder) => !relative(join(ROOT, folder), outDir).startsWith('..'))) {
    throw new Error(`refusing to build into ${outDir}: it is emptied first, and it holds the project or its sources`);
  }
}

function compile(outDir, typeCheck) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('the build needs TypeScript, a development dependency: run npm ci (without --omit=dev) first');
  }
  const args = [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, ...(typeCheck ? [] : ['--noCheck'])];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: ROOT });
  if (run.status !== 0) throw new Error(`tsc failed (exit ${run.status ?? run.signal})`);
}

/** Builds the release into outDir (default dist/); without typeCheck the same JavaScript is emitted, only faster. */
export function buildRelease({ outDir = join(ROOT, 'dist'), typeCheck = true } = {}) {
  const out = resolve(outDir);
  refuseToEmpty(out);
  rmSync(out, { recursive: true, force: true });
  compile(out, typeCheck);
  for (const file of [...ROOT_FILES, ...SOURCE_FOLDERS.flatMap(filesBesideTheCode)]) {
    cpSync(join(ROOT, file), join(out, file));
  }
  writeFileSync(join(out, BUILD_STAMP), `${new Date().toISOString()}\n`);
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, 'no-check': { type: 'boolean' } } });
  try {
    const out = buildRelease({ outDir: values['out-dir'], typeCheck: !values['no-check'] });
    const shown = relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out);
    process.stderr.write(`Built the release into ${shown}: start it with node ${join(shown, 'src', 'server.js')}\n`);
  } catch (error) {
    process.stderr.write(`npm run build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
