import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { machine } from '../bench/report.js';
import { loadDemo } from '../demo/load-demo.js';
import { createSimulatedClock } from '../demo/simulated-clock.js';
import { exportEvidenceBundle } from '../integrity/evidence/export-bundle.js';
import { verifierPageFor } from '../integrity/evidence/verifier-page/verifier-page.js';
import { ephemeralSigningKey } from '../integrity/signing-key.js';
import { memoryKeyStore } from '../privacy/child-key-store.js';
import { encryptingStore } from '../privacy/encrypting-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { commandLine, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'bench:verifier',
  summary:
    "how long the one-file HTML verifier takes, opened from disk in Debian's Chromium with the network off, from " +
    "navigation to VERIFIED, for the bundle of the demo's longest record (exported as the server exports it: " +
    'per-entry keys, signed head, the hearing-bundle PDF). Each round is a new browser context, as a reader opening the file.',
  synopsis: ['[--rounds 10] [--chromium /usr/bin/chromium]'],
  options: [
    ['--rounds <n>', 'fresh openings measured (default 10), after one unmeasured'],
    ['--chromium <path>', 'the browser (default /usr/bin/chromium, or CHROMIUM_PATH)'],
  ],
  environment: [['CHROMIUM_PATH', 'the browser, when --chromium is not given']],
  examples: ['npm run bench:verifier -- --rounds 20'],
  exitStatus: '0 measured; 1 the run failed; 2 bad arguments.',
};

const { values } = await commandLine(USAGE, { options: { rounds: { type: 'string', default: '10' }, chromium: { type: 'string' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('bench:verifier: --rounds must be a whole number of at least 1 (see --help)');
  process.exit(2);
}

const clock = createSimulatedClock();
const keys = memoryKeyStore();
const store = encryptingStore(createMemoryStore(clock.now), keys);
const demo = await loadDemo(store, clock);
const lengths = await Promise.all(demo.children.map(async (child) => ({ childId: child.childId, entries: (await store.readStream(`child-${child.childId}`)).length })));
const longest = lengths.sort((a, b) => b.entries - a.entries)[0]!;
const actor = { id: 'advocate-bench', displayName: 'Ava Advocate', role: 'advocate', organisation: 'IPSEA' };
const exported = await exportEvidenceBundle(
  { store, clock: clock.now, signingKey: ephemeralSigningKey(), keys, lateThresholdDays: 14 },
  { childId: longest.childId, actor, purpose: 'Verifier benchmark', appeal: { reference: 'EH202/25/00123', hearingDate: '2026-03-10', appealType: 'sections_b_and_f' }, upToRevision: null },
);
const dir = mkdtempSync(join(tmpdir(), 'send-ledger-bench-verifier-'));
const file = join(dir, 'bundle.html');
const html = await verifierPageFor(exported!.bundle);
writeFileSync(file, html);
const url = pathToFileURL(file).href;

const browser = await chromium.launch({
  executablePath: values.chromium ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times: number[] = [];
try {
  for (let round = 0; round <= rounds; round++) {
    const context = await browser.newContext();
    await context.setOffline(true);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: /VERIFIED/ }).waitFor({ timeout: 60_000 });
    const verdict = (await page.locator('#verdict').textContent())?.trim();
    if (verdict !== '✓ VERIFIED') throw new Error(`the verifier said "${verdict}": ${(await page.locator('#result').innerText()).slice(0, 2000)}`);
    if (round > 0) times.push(performance.now() - started);
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
console.log(
  JSON.stringify(
    {
      bundle: { entries: longest.entries, pages: exported!.bundle.documents.tribunalBundleLayout.totalPages, pageKilobytes: Math.round(html.length / 1024) },
      toVerifiedMs: { rounds, median: at(0.5), p90: at(0.9), max: Math.round(sorted.at(-1)!) },
      machine: machine(),
    },
    null,
    2,
  ),
);
