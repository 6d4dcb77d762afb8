import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConfiguredStore } from '../../src/config/open-store.js';
import { childIdOf } from '../../src/import/caseload-rows.js';
import { spawnCli } from '../cli/run-cli.js';
import { startTestApp, TestClock } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';
import { generateCaseload } from './caseload-generator.js';
import { configFor, countByType, ledgerEntries, reportRows, runImport } from './support.js';

/** The entries each good row of the generated file records. */
const ENTRIES_OF_EVENT: Record<string, Record<string, number>> = {
  child: { ChildRegistered: 1, IdentifierRecorded: 2 }, // the registration, its UPN and its NHS number
  identifier: { IdentifierRecorded: 1 },
  need: { NeedsIdentified: 1 },
  request: { AssessmentRequested: 1 },
  decision_to_assess: { DecisionToAssess: 1 },
  draft_plan: { DraftPlanIssued: 1 },
  final_plan: { FinalPlanIssued: 1 },
  provision: { ProvisionPromised: 1 },
  annual_review: { AnnualReviewHeld: 1 },
  phase_transfer: { PhaseTransferPlacementNamed: 1 },
  plan_ceased: { PlanCeased: 1 },
};

describe('importing a 10,000-row caseload with 1% bad rows', () => {
  const dir = tempDir('send-ledger-import-');
  const dataDir = join(dir.path, 'data');
  const csvPath = join(dir.path, 'caseload-10000.csv');
  const generated = generateCaseload(10_000);
  writeFileSync(csvPath, generated.csv);
  const sha256 = createHash('sha256').update(generated.csv).digest('hex');
  afterAll(() => dir.remove());

  it('the dry run reports exactly the bad rows, with the column and the reason, and writes nothing; the import records the rest, verifiably', async () => {
    expect(generated.rows).toHaveLength(10_000);
    expect(generated.bad).toHaveLength(100);
    expect(new Set(generated.bad.map((b) => b.kind)).size).toBe(8);

    // The dry run
    const reportPath = join(dir.path, 'refused.csv');
    const dry = await runImport(dataDir, [csvPath, '--la', '202', '--operator', 'Sam Okafor', '--dry-run', '--report', reportPath]);
    expect(dry.code, dry.err).toBe(1);
    const reported = reportRows(readFileSync(reportPath, 'utf8'));
    expect(reported.map((r) => Number(r['row']))).toEqual(generated.bad.map((b) => b.row));
    for (const [i, bad] of generated.bad.entries()) {
      const row = reported[i]!;
      expect({ row: row['row'], child_ref: row['child_ref'], column: row['column'], code: row['code'] }, bad.kind).toEqual({ row: String(bad.row), child_ref: bad.childRef, column: bad.column, code: 'BAD_INPUT' });
      expect(row['reason'], `${bad.kind} at row ${bad.row}`).toMatch(bad.reason);
      // Nothing personal: the file's own child_ref is the only thing that says whose row it is.
      expect(row['reason']).not.toMatch(/Child C\d+/);
    }
    expect(dry.out).toContain('DRY RUN (nothing written)');
    expect(dry.out).toContain(`Rows read: 10000`);
    expect(dry.out).toContain('refused: 100');
    expect(await ledgerEntries(dataDir)).toHaveLength(0);

    // The import proper
    const started = new Date();
    const imported = await runImport(dataDir, [csvPath, '--la', '202', '--operator', 'Sam Okafor']);
    const ended = new Date();
    expect(imported.code, imported.err).toBe(1);
    expect(imported.out).toContain('recorded now: 9900');
    expect(imported.out).toMatch(/Imported in [\d.]+ s \(\d+ rows\/s\)/);

    const expected: Record<string, number> = {};
    for (const [event, n] of Object.entries(generated.goodEvents)) {
      for (const [type, per] of Object.entries(ENTRIES_OF_EVENT[event]!)) expected[type] = (expected[type] ?? 0) + n * per;
    }
    const entries = await ledgerEntries(dataDir);
    expect(countByType(entries)).toEqual(expected);
    expect(entries.every((e) => e.metadata.importedFrom?.source === 'caseload-10000.csv' && e.metadata.importedFrom.sha256 === sha256)).toBe(true);
    expect(entries.every((e) => e.metadata.actor.id === 'import:sam-okafor' && e.metadata.actor.role === 'la_officer' && e.metadata.actor.organisation === '202')).toBe(true);

    // A child through GraphQL: claimed at the file's dates, recorded during the import, marked with the row.
    const store = await openConfiguredStore(configFor(dataDir));
    const app = await startTestApp({ store, keys: store.keys, readModels: store.readModels, accessLog: store.accessLog, clock: new TestClock(new Date()) });
    try {
      const childRows = generated.rows.filter((r) => r.child_ref === 'C00003');
      const childId = childIdOf('202', 'C00003');
      const officer = await app.token('la_officer', '202', 'Sam Okafor');
      const trail = await app.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; occurredAt: string; recordedAt: string; idempotencyKey: string | null; actor: { id: string } }> } } }>(
        `query ($id: ID!) { auditTrail(childId: $id) { entries { nodes { type occurredAt recordedAt idempotencyKey actor { id } } } } }`,
        { id: childId },
        officer,
      );
      expect(trail.errors).toBeUndefined();
      const nodes = trail.data.auditTrail.entries.nodes;
      // The child row records three entries (registration, UPN, NHS number); every other row one.
      expect(nodes).toHaveLength(childRows.length + 2);
      const rowOfEntry = [childRows[0]!, childRows[0]!, childRows[0]!, ...childRows.slice(1)];
      nodes.forEach((node, i) => {
        const row = rowOfEntry[i]!;
        expect(node.occurredAt.slice(0, 10), node.type).toBe(row.date);
        expect(Date.parse(node.recordedAt)).toBeGreaterThanOrEqual(started.getTime() - 1000);
        expect(Date.parse(node.recordedAt)).toBeLessThanOrEqual(ended.getTime() + 1000);
        expect(node.actor.id).toBe('import:sam-okafor');
        if (i === 0) expect(node.idempotencyKey).toBe('caseload-child:C00003');
        else expect(node.idempotencyKey).toBe(`import:${sha256}:${row.row}:${i < 3 ? i : 0}`);
      });
      // The import's actor repeating the registration gets the original entry back, with where it came from.
      const importer = await app.token('la_officer', '202', 'Sam Okafor', 'import:sam-okafor');
      const repeat = await app.gql<{ registerChild: { deduplicated: boolean; childId: string; entries: Array<{ importedFrom: { source: string; sha256: string; row: number }; occurredAt: string }> } }>(
        `mutation { registerChild(input: { displayName: "x", dateOfBirth: "2015-01-01", laCode: "202" }, options: { idempotencyKey: "caseload-child:C00003" }) { deduplicated childId entries { importedFrom { source sha256 row } occurredAt } } }`,
        {},
        importer,
      );
      expect(repeat.errors).toBeUndefined();
      expect(repeat.data.registerChild).toMatchObject({ deduplicated: true, childId });
      expect(repeat.data.registerChild.entries[0]!.importedFrom).toEqual({ source: 'caseload-10000.csv', sha256, row: childRows[0]!.row });
      expect(repeat.data.registerChild.entries[0]!.occurredAt.slice(0, 10)).toBe(childRows[0]!.date);
    } finally {
      await app.close();
    }

    // npm run verify, as a process against the same data directory
    const verify = await spawnCli('verify-ledger', [], { SEND_LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`Ledger intact: ${entries.length} entries`);

    // A rerun of the completed import records nothing.
    const again = await runImport(dataDir, [csvPath, '--la', '202', '--operator', 'Sam Okafor']);
    expect(again.out).toContain('recorded now: 0 (0 entries)');
    expect(again.out).toContain('already in the ledger from an earlier run: 9900');
    expect(await ledgerEntries(dataDir)).toHaveLength(entries.length);
  }, 900_000);
});
