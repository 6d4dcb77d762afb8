import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser builds GraphiQL's page loads, each served from its installed package under /graphiql/assets/. */
export interface GraphiqlFile {
  name: string;
  path: string;
}

export type GraphiqlPackages = { installed: true; files: GraphiqlFile[] } | { installed: false; missing: string[] };

/** GraphiQL 3's UMD build expects React and ReactDOM as globals, so React 18's UMD builds come first (React 19 has none). */
const FILES = [
  { pkg: 'react', file: 'umd/react.production.min.js' },
  { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  { pkg: 'graphiql', file: 'graphiql.min.js' },
  { pkg: 'graphiql', file: 'graphiql.min.css' },
];

const require = createRequire(import.meta.url);

function packageDir(name: string): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/**
 * GraphiQL, React and ReactDOM are development dependencies: an image installed with `npm ci --omit=dev` has none
 * of them, and a later major version may lack the UMD files.
 */
export function findGraphiqlPackages(): GraphiqlPackages {
  const files: GraphiqlFile[] = [];
  const missing: string[] = [];
  for (const { pkg, file } of FILES) {
    const dir = packageDir(pkg);
    const path = dir === null ? null : join(dir, file);
    if (path !== null && existsSync(path)) files.push({ name: file.split('/').at(-1)!, path });
    else missing.push(`${pkg}/${file}`);
  }
  return missing.length === 0 ? { installed: true, files } : { installed: false, missing };
}
