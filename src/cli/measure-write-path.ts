import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordChildEntry } from '../application/record-child-entry.js';
import { verifyLedger } from '../integrity/verify-ledger.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { rebuildProjections } from '../read-models/rebuild.js';
import { sqliteReadModels } from '../read-models/sqlite-read-models.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'measure:write-path',
  summary:
    'a quick measurement, not the benchmark suite: entries per second through the whole durable write path ' +
    '(fold, decide, validate, RFC 8785, hash chain, one fsynced SQLite transaction each) into a new ledger in ' +
    'the OS temp directory (removed afterwards), then verification and read-model rebuild speed.',
  synopsis: ['[--children 200] [--deliveries 20]'],
  options: [
    ['--children <n>', 'children to register, each with one promised provision line (default 200)'],
    ['--deliveries <n>', 'deliveries recorded against each child\'s line (default 20)'],
  ],
  environment: [],
  examples: ['npm run measure:write-path -- --children 200 --deliveries 20'],
  exitStatus: '0 measured; 1 the measurement failed; 2 bad arguments.',
};

const wholeNumber = (name: string, text: string, least: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`--${name} must be a whole number of at least ${least} (not ${text})`);
  return n;
};

async function measure(args: string[]): Promise<void> {
  const { values } = parseCommandLine({ args, options: { children: { type: 'string', default: '200' }, deliveries: { type: 'string', default: '20' } } });
  const children = wholeNumber('children', values.children, 1);
  const deliveries = wholeNumber('deliveries', values.deliveries, 0);
  const dir = mkdtempSync(join(tmpdir(), 'send-ledger-measure-'));
  const store = openSqliteStore(join(dir, 'ledger.sqlite'));
  // The measured ledger is thrown away however the run ends.
  try {
    const deps = { store, clock: () => new Date() };
    const options = { correlationId: 'measure', causationId: 'measure' };
    const la = { id: 'la', displayName: 'LA officer', role: 'la_officer', organisation: '202' };
    const school = { id: 'senco', displayName: 'SENCo', role: 'senco', organisation: '100001' };

    let entries = 0;
    const started = performance.now();
    for (let c = 0; c < children; c++) {
      const childId = randomUUID();
      const provisionId = randomUUID();
      await recordChildEntry(deps, childId, la, 'ChildRegistered', { childId, displayName: 'Child (pseudonym)', dateOfBirth: '2015-01-01', laCode: '202', settingUrn: school.organisation }, options);
      await recordChildEntry(deps, childId, school, 'ProvisionPromised', {
        provisionId, section: 'SEN_SUPPORT', description: 'Small group literacy, three pupils',
        deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' }, frequency: { sessions: 2, per: 'week' },
        minutesPerSession: 30, groupSize: 3, startDate: '2024-01-01', authority: { name: 'SENCo', role: 'SENCo' },
      }, options);
      for (let d = 0; d < deliveries; d++) {
        await recordChildEntry(deps, childId, school, 'ProvisionDelivered', { provisionId, sessions: 1, minutes: 30, deliveredBy: { name: 'TA', role: 'Teaching assistant' } }, options);
      }
      entries += 2 + deliveries;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`durable append through the write path: ${entries} entries in ${seconds.toFixed(1)} s = ${Math.round(entries / seconds)} entries/s`);
    const verifyStarted = performance.now();
    const report = await verifyLedger(store);
    console.log(`verifyLedger: ${report.checkedEvents} entries in ${((performance.now() - verifyStarted) / 1000).toFixed(2)} s (ok: ${report.ok})`);
    const readModels = sqliteReadModels(store.database);
    const rebuilt = await rebuildProjections(store, readModels, PROJECTIONS);
    console.log(`rebuild of every read model in one pass (${rebuilt.projection}): ${Math.round(rebuilt.eventsPerSecond)} entries/s`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await runCommand(USAGE, measure);
