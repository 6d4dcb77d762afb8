import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { expectOneUsageLine, inTurns, spawnCli } from './run-cli.js';

/** Every command-line tool, the npm script that runs it, and what its help must name. */
const CLIS = [
  { file: 'load-demo', script: 'demo', mentions: ['SEND_LEDGER_DATA_DIR'] },
  { file: 'mint-token', script: 'token', mentions: ['--role', '--org', '--name', '--id', '--expires', 'AUTH_JWT_SECRET', 'npm run -s token'] },
  { file: 'verify-ledger', script: 'verify', mentions: ['SEND_LEDGER_STORE', 'TREE_HEAD_SIGNING_KEY'] },
  { file: 'rebuild', script: 'rebuild', mentions: ['<projection>', 'promise-register'] },
  { file: 'tree', script: 'tree', mentions: ['head', 'publish', 'inclusion <eventId> [size]', 'consistency <old> <new>', 'key'] },
  { file: 'export-evidence', script: 'export-evidence', mentions: ['--child', '--purpose', '--appeal', '--appeal-type', '--hearing-date', '--out-dir', 'SEND_LEDGER_TOKEN'] },
  { file: 'verify-bundle', script: 'verify-bundle', mentions: ['<bundle.json>', '--witnesses', '--ledger-key', '--save-pdf'] },
  { file: 'measure-write-path', script: 'measure:write-path', mentions: ['--children', '--deliveries'] },
  { file: 'copy-ledger', script: 'copy-ledger', mentions: ['<source>', '<target>', '--resume', '--batch-size', '--keys-to'] },
  { file: 'backup', script: 'backup', mentions: ['<destination directory>', '--data-dir', 'SEND_LEDGER_DATA_DIR'] },
  { file: 'restore', script: 'restore', mentions: ['<backup directory>', '--data-dir', '--force'] },
  { file: 'bench', script: 'bench', mentions: ['--streams', '--events', '--seed', '--stores', '--writers', '--out', '--no-projections', '--no-probe'] },
  { file: 'load-api', script: 'bench:api', mentions: ['--data', '--scale', '--seconds', '--connections', '--log-level', '--only', '--cpu-prof', '--out'] },
  { file: 'generate-la', script: 'generate-la', mentions: ['--out', '--scale', '--seed', '--years', '--no-showcase', '--skip-verify'] },
  { file: 'bench-pages', script: 'bench:pages', mentions: ['--rounds', '--warmup', '--out'] },
  { file: 'bench-la-pages', script: 'bench:la-pages', mentions: ['--data', '--rounds', '--cases', '--out'] },
  { file: 'bench-verifier', script: 'bench:verifier', mentions: ['--rounds', '--chromium', 'CHROMIUM_PATH'] },
  { file: 'import-caseload', script: 'import', mentions: ['<caseload.csv|xlsx>', '--la', '--operator', '--dry-run', '--report', '--until-row', 'SEND_LEDGER_DATA_DIR'] },
  { file: 'sen2-return', script: 'sen2', mentions: ['--la', '--year', '--out', 'SEND_LEDGER_TOKEN'] },
  { file: 'annex-a', script: 'annex-a', mentions: ['--la', '--as-of', '--out', 'SEND_LEDGER_TOKEN'] },
  { file: 'witness', script: 'witness', mentions: ['--name', '--ledger-key', '--data-dir', '--port'] },
] as const;

/** Files in src/cli that are parts of the tools, not tools. */
const NOT_TOOLS = ['command-line.ts', 'progress-bar.ts', 'token-actor.ts'];

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('every command-line tool explains itself', () => {
  const dir = tempDir('send-ledger-cli-');
  /** Never created: a tool that opened its store or wrote a secret before answering --help would make it. */
  const dataDir = join(dir.path, 'data');
  const env = { SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' };
  afterAll(() => dir.remove());

  it('the table above is every tool in src/cli, each run by the npm script its messages name', () => {
    const tools = readdirSync('src/cli').filter((f) => f.endsWith('.ts') && !NOT_TOOLS.includes(f));
    expect(tools.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CLIS.map((c) => c.file).sort());
    // The script may run the source (tsx) or the build (dist/src/cli/*.js): either way, this tool.
    for (const cli of CLIS) expect(scripts[cli.script], cli.script).toMatch(new RegExp(`src/cli/${cli.file}\\.(ts|js)\\b`));
  });

  it('--help prints the usage, its flags, settings and an example on stdout and exits 0 before opening anything; an unknown flag is one line on stderr and exit 2', async () => {
    const runs = await inTurns(
      CLIS.flatMap((cli) => [
        { cli, args: ['--help'] },
        { cli, args: ['--frobnicate'] },
      ]),
      async ({ cli, args }) => ({ cli, args, run: await spawnCli(cli.file, args, env) }),
    );
    for (const { cli, args, run } of runs) {
      if (args[0] === '--help') {
        expect(run, cli.file).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout.startsWith(`npm run ${cli.script}: `), cli.file).toBe(true);
        for (const section of ['Usage:', 'Arguments and options:', '-h, --help', 'Environment:', 'Exit status:']) expect(run.stdout, cli.file).toContain(section);
        expect(run.stdout, cli.file).toMatch(/^Examples?:\n {2}.*npm run /m);
        for (const mention of cli.mentions) expect(run.stdout, `${cli.file} --help names ${mention}`).toContain(mention);
      } else {
        expectOneUsageLine(run, cli.script, "unknown option '--frobnicate'");
      }
    }
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
