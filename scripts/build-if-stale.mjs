// Run by `npm start` (prestart): builds dist/ when it is missing or older than the sources, so a fresh clone
// starts with `npm ci && npm start` (or npm install). A release without sources (the Docker image) is
// left alone, and nothing here runs on install, where an --omit=dev install has no TypeScript.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { BUILD_STAMP, buildRelease, ROOT, SOURCE_FOLDERS } from './build.mjs';

/** Besides the source folders, what changes the release: the compiler's settings, the module type, the build itself. */
const BUILD_INPUTS = ['schema.graphql', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs'];

function newestChange() {
  const files = [
    ...BUILD_INPUTS.map((file) => join(ROOT, file)),
    ...SOURCE_FOLDERS.flatMap((folder) =>
      readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    ),
  ];
  return Math.max(...files.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

const stamp = join(ROOT, 'dist', BUILD_STAMP);
const hasSources = SOURCE_FOLDERS.every((folder) => existsSync(join(ROOT, folder)));
if (hasSources && (!existsSync(stamp) || statSync(stamp).mtimeMs < newestChange())) {
  const why = existsSync(stamp) ? 'The sources changed since the last build' : 'No build yet';
  process.stderr.write(`${why}: building dist/ (npm run build).\n`);
  try {
    buildRelease();
  } catch (error) {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
