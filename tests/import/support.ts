import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { runImportCaseload } from '../../src/cli/import-caseload.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';

/** The configuration a command run in a test reads: a data directory of its own. */
export const configFor = (dataDir: string): Config => parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dataDir });

/** `npm run import -- <args>` in this process, with its output kept (the progress bar goes to a sink). */
export async function runImport(dataDir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = { update: () => {}, finish: () => {} };
  const code = await runImportCaseload(args, () => configFor(dataDir), { out: (line) => out.push(line), err: (line) => err.push(line) }, sink);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every entry of the ledger in a data directory, decrypted, in global order. */
export async function ledgerEntries(dataDir: string): Promise<LedgerEntry[]> {
  const store = await openConfiguredStore(configFor(dataDir));
  try {
    return await store.readAll(1, Number.MAX_SAFE_INTEGER);
  } finally {
    await store.close();
  }
}

export const countByType = (entries: LedgerEntry[]) => {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
};

export const fixture = (name: string) => join('tests', 'fixtures', name);

/** The rows of a report CSV written by --report, read by a CSV reader. */
export const reportRows = (csv: string): Array<Record<string, string>> => parse(csv, { columns: true }) as Array<Record<string, string>>;
