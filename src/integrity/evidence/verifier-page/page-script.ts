import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The browser entry beside this file: .ts when run from the sources (tsx, vitest), .js in the built release. */
function entryPoint(): string {
  const candidates = ['browser-entry.ts', 'browser-entry.js'].map((name) => fileURLToPath(new URL(name, import.meta.url)));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`the offline verifier's browser script is missing: looked for ${candidates.join(' and ')}`);
  return found;
}

async function buildScript(): Promise<string> {
  // Loaded only when a page is built, so the rest of the service starts without esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entryPoint()],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    // pdfkit's browser build carries its own Buffer, zlib and the standard fonts, so the PDF is drawn the same way.
    alias: { pdfkit: require.resolve('pdfkit/js/pdfkit.standalone.js') },
  });
  return result.outputFiles[0]!.text;
}

let built: Promise<string> | null = null;

/** The verifier's script, built once per process (building takes a moment); a failed build is tried again next time. */
export function verifierScript(): Promise<string> {
  if (!built) {
    built = buildScript();
    built.catch(() => {
      built = null;
    });
  }
  return built;
}
