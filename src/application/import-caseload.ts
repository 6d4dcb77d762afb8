import { NotFound, NotPermitted, RuleViolation } from '../domain/errors.js';
import type { CaseloadFile, CaseloadRow } from '../import/caseload-file.js';
import { childIdOf, isProblem, mapRow, refIdOf, registrationKey, type MappedRow, type RefKind, type RowDecision } from '../import/caseload-rows.js';
import { uuidFromName } from '../ledger/deterministic-id.js';
import type { Actor } from '../ledger/envelope.js';
import { DryRunStore } from '../store/dry-run-store.js';
import type { EventStore } from '../store/port.js';
import { BadInput } from './bad-input.js';
import type { LedgerDependencies } from './append-decision.js';
import { recordDecision } from './record-decision.js';

/** Who runs the import: an officer of the LA whose caseload it is, named on the command line. */
export interface ImportOperator {
  laCode: string;
  /** The operator's own id (becomes `import:<id>`) and name, as the entries' actor. */
  id: string;
  name: string;
}

/** A row the import refuses, in the words the API would use; nothing personal beyond the file's own child_ref. */
export interface RefusedRow {
  row: number;
  childRef: string;
  /** BAD_INPUT (a column or a rule), FORBIDDEN, NOT_FOUND (no such child), or DEPENDS_ON_REFUSED_ROW. */
  code: string;
  /** The column to change, where there is one. */
  column: string;
  reason: string;
  /** The refused row this one depends on. */
  dependsOnRow?: number;
}

export interface CaseloadImportReport {
  source: string;
  sha256: string;
  dryRun: boolean;
  /** Rows read from the file (after --until-row, the rows up to it). */
  rows: number;
  /** Rows whose entries were recorded now (or, in a dry run, would be). */
  recordedRows: number;
  /** Rows whose entries the ledger already held from an earlier run of the same file. */
  alreadyImportedRows: number;
  refused: RefusedRow[];
  /** The entries recorded now (or that would be), by entry type. */
  entriesByType: Record<string, number>;
}

export interface ImportCaseloadOptions {
  dryRun: boolean;
  /** Stop after this row (the rows after it are left for a later run). */
  untilRow?: number;
  onRow?: (done: number, total: number) => void;
}

/** The actor every imported entry names: the operator as an officer of the LA (the API's la_officer role). */
export const importActor = (operator: ImportOperator): Actor => ({
  id: `import:${operator.id}`,
  displayName: operator.name,
  role: 'la_officer',
  organisation: operator.laCode,
});

/**
 * Bring a caseload file into the ledger through the one write path (recordDecision, the API's rules), each entry
 * claimed at its row's date, recorded now, and marked with the file and row it came from.
 *
 * Each row is judged whole first, in a store that reads through to the ledger and keeps its writes in memory, and
 * only a row that passes is written, so a row is all or nothing. A dry run judges every row the same way and writes
 * none (its rows accumulate in one such store, so later rows see the earlier ones). Every entry has an idempotency
 * key from the file's SHA-256, the row and the entry's place in it, so a rerun after an interruption records only
 * what is missing and a rerun of a completed import records nothing.
 */
export async function importCaseload(
  deps: LedgerDependencies,
  file: CaseloadFile,
  operator: ImportOperator,
  options: ImportCaseloadOptions,
): Promise<CaseloadImportReport> {
  const actor = importActor(operator);
  const target: EventStore = options.dryRun ? new DryRunStore(deps.store, deps.clock) : deps.store;
  const rows = file.rows.filter((r) => options.untilRow === undefined || r.row <= options.untilRow);
  const refused: RefusedRow[] = [];
  const entriesByType: Record<string, number> = {};
  let recordedRows = 0;
  let alreadyImportedRows = 0;
  /** Where each child and each ref was introduced in this file, and whether that row was refused. */
  const introducedBy = new Map<string, { row: number; refused: boolean }>();
  const correlationId = uuidFromName(operator.laCode, 'caseload-import', file.sha256);
  /** The ledger ids the file's refs became, so a rule's message can be told back in the file's refs. */
  const labels = new Map<string, string>();

  /** Each child's rows in file order; children are independent of one another, so several are imported at once. */
  const byChild = new Map<string, CaseloadRow[]>();
  for (const row of rows) {
    const childRef = row.cells['child_ref']?.trim() ?? '';
    const child = byChild.get(childRef);
    if (child) child.push(row);
    else byChild.set(childRef, [row]);
  }
  let done = 0;
  const importRow = async (row: CaseloadRow): Promise<void> => {
    const mapped = mapRow(row, operator.laCode);
    if (isProblem(mapped)) {
      refused.push({ ...mapped, code: 'BAD_INPUT' });
      return;
    }
    const dependency = refusedDependency(mapped, introducedBy);
    if (dependency) {
      refused.push(dependency);
      markIntroduced(mapped, introducedBy, true);
      return;
    }
    const childId = childIdOf(operator.laCode, mapped.childRef);
    for (const { kind, ref } of [...mapped.uses, ...(mapped.defines ? [mapped.defines] : [])]) labels.set(refIdOf(operator.laCode, mapped.childRef, kind, ref), `${kind}_ref ${ref}`);
    const date = row.cells['date'];
    const record = (store: EventStore, decision: RowDecision, entry: number) =>
      recordDecision({ ...deps, store }, actor, decision.mutation, {
        childId: decision.mutation === 'registerChild' ? undefined : childId,
        input: decision.input,
        options: {
          ...(date === undefined || date.trim() === '' ? {} : { occurredAt: date.trim() }),
          idempotencyKey: decision.mutation === 'registerChild' ? registrationKey(mapped.childRef) : `import:${file.sha256}:${row.row}:${entry}`,
        },
        correlationId,
        causationId: uuidFromName(operator.laCode, 'caseload-import', file.sha256, String(row.row)),
        importedFrom: { source: file.source, sha256: file.sha256, row: row.row },
      });

    // Judged whole first: a row that fails part-way leaves nothing behind.
    const judge = new DryRunStore(target, deps.clock);
    let refusal: RefusedRow | null = null;
    if (!date || date.trim() === '') refusal = { row: row.row, childRef: mapped.childRef, code: 'BAD_INPUT', column: 'date', reason: 'is empty: every row gives the date its event happened, as YYYY-MM-DD' };
    for (const [entry, decision] of mapped.decisions.entries()) {
      if (refusal) break;
      try {
        await record(judge, decision, entry);
      } catch (error) {
        refusal = refusalOf(error, mapped, decision, labels);
      }
    }
    if (refusal) {
      refused.push(refusal);
      markIntroduced(mapped, introducedBy, true);
      return;
    }
    let recordedNow = 0;
    for (const [entry, decision] of mapped.decisions.entries()) {
      const result = await record(target, decision, entry);
      if (result.deduplicated) continue;
      for (const e of result.entries) entriesByType[e.type] = (entriesByType[e.type] ?? 0) + 1;
      recordedNow += result.entries.length;
    }
    if (recordedNow > 0) recordedRows++;
    else alreadyImportedRows++;
    markIntroduced(mapped, introducedBy, false);
  };
  const children = [...byChild.values()];
  /** A failure of the store (not a refusal) stops every worker before its next row; what was written stays, and a rerun goes on. */
  let failed = false;
  const worker = async () => {
    for (let child = children.shift(); child && !failed; child = children.shift()) {
      for (const row of child) {
        if (failed) return;
        options.onRow?.(done, rows.length);
        try {
          await importRow(row);
        } catch (error) {
          failed = true;
          throw error;
        }
        done++;
      }
    }
  };
  // Each append is its own durable commit; appends to different children's streams at once share one (the store's group commit).
  const outcomes = await Promise.allSettled(Array.from({ length: CHILDREN_AT_ONCE }, worker));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  refused.sort((a, b) => a.row - b.row);
  options.onRow?.(rows.length, rows.length);
  return { source: file.source, sha256: file.sha256, dryRun: options.dryRun, rows: rows.length, recordedRows, alreadyImportedRows, refused, entriesByType };
}

/** How many children's rows are imported at once. */
const CHILDREN_AT_ONCE = 32;

const childKey = (childRef: string) => `child\u0000${childRef}`;
const refKey = (childRef: string, kind: RefKind, ref: string) => `${kind}\u0000${childRef}\u0000${ref}`;

function markIntroduced(mapped: MappedRow, introducedBy: Map<string, { row: number; refused: boolean }>, refused: boolean): void {
  const key = mapped.registers ? childKey(mapped.childRef) : mapped.defines ? refKey(mapped.childRef, mapped.defines.kind, mapped.defines.ref) : null;
  // The first row to introduce a child or ref is the one later rows depend on.
  if (key && !introducedBy.has(key)) introducedBy.set(key, { row: mapped.row, refused });
}

/** A row resting on a row this run refused (its child's registration, or the request or plan it names) is refused for that reason. */
function refusedDependency(mapped: MappedRow, introducedBy: Map<string, { row: number; refused: boolean }>): RefusedRow | null {
  const dependsOn = (key: string, column: string, what: string): RefusedRow | null => {
    const by = introducedBy.get(key);
    if (!by?.refused) return null;
    return { row: mapped.row, childRef: mapped.childRef, code: 'DEPENDS_ON_REFUSED_ROW', column, reason: `depends on row ${by.row}, which was refused: ${what} it introduces is not in the ledger`, dependsOnRow: by.row };
  };
  if (!mapped.registers) {
    const child = dependsOn(childKey(mapped.childRef), 'child_ref', 'the child');
    if (child) return child;
  }
  for (const use of mapped.uses) {
    const found = dependsOn(refKey(mapped.childRef, use.kind, use.ref), `${use.kind}_ref`, `the ${use.kind}`);
    if (found) return found;
  }
  return null;
}

/** The write path's refusal, told in the file's terms: the column to change, and the file's refs for the ledger's ids. */
function refusalOf(error: unknown, mapped: MappedRow, decision: RowDecision, labels: Map<string, string>): RefusedRow {
  const base = { row: mapped.row, childRef: mapped.childRef };
  const inWords = (message: string) => message.replace(UUID, (id) => labels.get(id) ?? id);
  if (error instanceof BadInput) {
    const issue = error.issues[0] ?? { field: error.field, message: error.message };
    return { ...base, code: 'BAD_INPUT', column: columnOf(issue.field, decision), reason: inWords(issue.message) };
  }
  if (error instanceof RuleViolation) {
    const column = columnOf(error.field ?? '', decision);
    // The rule's message often starts with the field it names; the report names the column instead.
    return { ...base, code: 'BAD_INPUT', column, reason: inWords(error.message.replace(/^(options\.)?occurredAt:?\s*/, '')) };
  }
  if (error instanceof NotFound) {
    return { ...base, code: 'NOT_FOUND', column: 'child_ref', reason: 'no child with this child_ref is in the ledger or registered by an earlier row of this file (a child row must come first)' };
  }
  if (error instanceof NotPermitted) return { ...base, code: 'FORBIDDEN', column: '', reason: inWords(error.message) };
  throw error;
}

/** The column an input field was read from (`input.namedSetting.name` → setting_name); the date for the claimed time. */
function columnOf(field: string, decision: RowDecision): string {
  const path = field.replace(/^input\./, '');
  if (/^(options\.)?occurredAt$/.test(path)) return 'date';
  if (path === 'childId' || path === 'options.idempotencyKey') return 'child_ref';
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const column = decision.columns[parts.slice(0, n).join('.')];
    if (column) return column;
  }
  return 'event';
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
