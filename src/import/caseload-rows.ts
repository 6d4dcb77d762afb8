import { uuidFromName } from '../ledger/deterministic-id.js';
import type { CaseloadRow } from './caseload-file.js';

/**
 * How one row of a caseload file becomes the API's decisions (src/application/record-decision.ts DECISIONS):
 * one row per event in a child's history, with the LA's own reference for the child (`child_ref`) and its own
 * references for what later rows point at (`request_ref`, `plan_ref`, `need_ref`, `provision_ref`). The format is
 * the project's own, modelled on the shape of LA case-management caseload exports and the SEN2 return's parts
 * (child, request, assessment decision, plan, review, placement, provision): it is not a DfE or supplier format.
 * docs/caseload-import.md describes it.
 */

/** What a later row can point at, and the column that names it. */
export type RefKind = 'request' | 'plan' | 'need' | 'provision';
export const REF_COLUMNS: Record<RefKind, string> = { request: 'request_ref', plan: 'plan_ref', need: 'need_ref', provision: 'provision_ref' };

/** One decision a row asks for, with where each of its input fields came from in the row. */
export interface RowDecision {
  mutation: string;
  input: Record<string, unknown>;
  /** Input field (dotted path) → the column it was read from. */
  columns: Record<string, string>;
}

export interface MappedRow {
  row: number;
  childRef: string;
  event: string;
  decisions: RowDecision[];
  /** The ref this row introduces (a request row introduces its request_ref). */
  defines?: { kind: RefKind; ref: string };
  /** The refs this row points at, for reporting a row that depends on a refused one. */
  uses: Array<{ kind: RefKind; ref: string }>;
  /** The child this row registers: the registration's idempotency key names the child (see childIdOf). */
  registers: boolean;
}

/** A row the import refuses before any rule sees it: a column it cannot read. */
export interface RowProblem {
  row: number;
  childRef: string;
  column: string;
  reason: string;
}

/**
 * The idempotency key of a child's registration. record-decision.ts makes a new child's id from the LA and the
 * registration's key (a retried registration finds the same child), so the key names the child by the LA's own
 * reference: the same child_ref is the same child in every file and every rerun.
 */
export const registrationKey = (childRef: string) => `caseload-child:${childRef}`;
export const childIdOf = (laCode: string, childRef: string) => uuidFromName(laCode, registrationKey(childRef));
/** The ledger id of something a file names by its own ref: from the LA, the child and the ref, so a rerun finds it. */
export const refIdOf = (laCode: string, childRef: string, kind: RefKind, ref: string) => uuidFromName(laCode, 'caseload', childRef, kind, ref);

/** Every event a row may carry, and the columns it reads (docs/caseload-import.md lists them with their codes). */
export const EVENTS = [
  'child',
  'identifier',
  'withhold_identifier',
  'need',
  'request',
  'decision_to_assess',
  'decision_not_to_assess',
  'decision_not_to_issue',
  'draft_plan',
  'final_plan',
  'annual_review',
  'phase_transfer',
  'provision',
  'plan_ceased',
] as const;
export type CaseloadEvent = (typeof EVENTS)[number];

const IDENTIFIER_COLUMNS = [
  ['upn', 'upn'],
  ['uln', 'uln'],
  ['nhs_number', 'nhs_number'],
] as const;

const CHILD_REF = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/** Read one row into the decisions it asks for, or say which column cannot be read. */
export function mapRow(row: CaseloadRow, laCode: string): MappedRow | RowProblem {
  const cell = (column: string): string | undefined => {
    const value = row.cells[column];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const childRef = cell('child_ref')?.trim() ?? '';
  const problem = (column: string, reason: string): RowProblem => ({ row: row.row, childRef, column, reason });
  if (!childRef) return problem('child_ref', "is empty: every row names the child by the LA's own reference");
  if (!CHILD_REF.test(childRef)) return problem('child_ref', 'must be 1 to 100 letters, digits, dots, hyphens, slashes or underscores, starting with a letter or digit');
  const event = cell('event')?.trim().toLowerCase() ?? '';
  if (!(EVENTS as readonly string[]).includes(event)) {
    return problem('event', event ? `"${event}" is not an event this import knows: use one of ${EVENTS.join(', ')}` : `is empty: use one of ${EVENTS.join(', ')}`);
  }

  const uses: MappedRow['uses'] = [];
  /** A ref column this event needs: its ledger id, or a problem when it is empty. */
  const ref = (kind: RefKind, required = true): string | RowProblem | undefined => {
    const column = REF_COLUMNS[kind];
    const value = cell(column)?.trim();
    if (value === undefined) return required ? problem(column, `is empty: a ${event} row names the ${column.replace('_ref', '')} it is about by the ${column} its own row gave`) : undefined;
    if (value.length > 100) return problem(column, 'must be at most 100 characters');
    return refIdOf(laCode, childRef, kind, value);
  };
  const use = (kind: RefKind, required = true) => {
    const id = ref(kind, required);
    if (typeof id === 'string') uses.push({ kind, ref: cell(REF_COLUMNS[kind])!.trim() });
    return id;
  };
  const defined = (kind: RefKind) => ({ kind, ref: cell(REF_COLUMNS[kind])?.trim() ?? '' });
  /** Inputs from columns: empty cells are left out, so the entry's schema says what is missing. */
  const fields = (pairs: Array<[field: string, column: string, kind?: 'integer']>) => {
    const input: Record<string, unknown> = {};
    const columns: Record<string, string> = {};
    for (const [field, column, kind] of pairs) {
      columns[field] = column;
      const value = cell(column);
      if (value === undefined) continue;
      // A whole number as written; anything else goes to the schema as written, which refuses it naming the field.
      const typed = kind === 'integer' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
      setPath(input, field, typed);
    }
    return { input, columns };
  };
  const one = (mutation: string, built: { input: Record<string, unknown>; columns: Record<string, string> }, extra: Record<string, unknown> = {}, extraColumns: Record<string, string> = {}) =>
    ({ mutation, input: { ...built.input, ...extra }, columns: { ...built.columns, ...extraColumns } }) satisfies RowDecision;
  const mapped = (decisions: RowDecision[], defines?: { kind: RefKind; ref: string }): MappedRow => ({
    row: row.row, childRef, event, decisions, uses, registers: event === 'child', ...(defines ? { defines } : {}),
  });

  switch (event as CaseloadEvent) {
    case 'child': {
      const registration = fields([['displayName', 'display_name'], ['dateOfBirth', 'date_of_birth'], ['laCode', 'la_code'], ['settingName', 'setting_name'], ['settingUrn', 'setting_urn']]);
      if (registration.input['laCode'] === undefined) registration.input['laCode'] = laCode;
      const identifiers = IDENTIFIER_COLUMNS.filter(([, column]) => cell(column) !== undefined).map(([scheme, column]) =>
        one('recordIdentifier', fields([['value', column]]), { scheme }, { scheme: column }),
      );
      return mapped([one('registerChild', registration), ...identifiers]);
    }
    case 'identifier':
      return mapped([one('recordIdentifier', fields([['scheme', 'identifier_scheme'], ['value', 'identifier_value']]))]);
    case 'withhold_identifier':
      return mapped([one('withholdIdentifier', fields([['scheme', 'identifier_scheme'], ['reason', 'reason']]))]);
    case 'need': {
      const needId = ref('need');
      if (typeof needId !== 'string') return needId!;
      return mapped([one('identifyNeeds', fields([['area', 'area'], ['rank', 'rank'], ['senType', 'sen_type'], ['description', 'description']]), { needId }, { needId: 'need_ref' })], defined('need'));
    }
    case 'request': {
      const requestId = ref('request');
      if (typeof requestId !== 'string') return requestId!;
      return mapped(
        [one('requestAssessment', fields([['requestedBy', 'requested_by'], ['requesterDescription', 'requester_description']]), { requestId }, { requestId: 'request_ref' })],
        defined('request'),
      );
    }
    case 'decision_to_assess':
    case 'decision_not_to_assess': {
      const requestId = use('request');
      if (typeof requestId !== 'string') return requestId!;
      const decision = event === 'decision_to_assess' ? 'assess' : 'not_assess';
      return mapped([one('decideAssessment', fields([['reasons', 'reasons']]), { requestId, decision }, { requestId: 'request_ref', decision: 'event' })]);
    }
    case 'decision_not_to_issue': {
      const requestId = use('request');
      if (typeof requestId !== 'string') return requestId!;
      return mapped([one('decideNotToIssue', fields([['reasons', 'reasons']]), { requestId }, { requestId: 'request_ref' })]);
    }
    case 'draft_plan': {
      const requestId = use('request');
      if (typeof requestId !== 'string') return requestId!;
      const planId = ref('plan');
      if (typeof planId !== 'string') return planId!;
      return mapped([one('issueDraftPlan', fields([['summary', 'summary']]), { requestId, planId }, { requestId: 'request_ref', planId: 'plan_ref' })], defined('plan'));
    }
    case 'final_plan': {
      const planId = use('plan');
      if (typeof planId !== 'string') return planId!;
      return mapped([one('issueFinalPlan', fields([['namedSetting.name', 'setting_name'], ['namedSetting.urn', 'setting_urn']]), { planId }, { planId: 'plan_ref', namedSetting: 'setting_name' })]);
    }
    case 'annual_review': {
      const planId = use('plan');
      if (typeof planId !== 'string') return planId!;
      return mapped([one('recordAnnualReview', fields([['decision', 'review_decision'], ['summary', 'summary']]), { planId }, { planId: 'plan_ref' })]);
    }
    case 'phase_transfer': {
      const planId = use('plan', false);
      if (planId !== undefined && typeof planId !== 'string') return planId;
      return mapped([
        one(
          'namePhaseTransferPlacement',
          fields([['transfer', 'transfer'], ['settingName', 'setting_name'], ['settingUrn', 'setting_urn'], ['startsOn', 'starts_on']]),
          planId === undefined ? {} : { planId },
          { planId: 'plan_ref' },
        ),
      ]);
    }
    case 'provision': {
      const provisionId = ref('provision');
      if (typeof provisionId !== 'string') return provisionId!;
      const planId = use('plan', false);
      if (planId !== undefined && typeof planId !== 'string') return planId;
      const terms = fields([
        ['section', 'section'],
        ['description', 'description'],
        ['deliveredBy.organisation', 'delivered_by_organisation'],
        ['deliveredBy.role', 'delivered_by_role'],
        ['frequency.sessions', 'sessions', 'integer'],
        ['frequency.per', 'per'],
        ['minutesPerSession', 'minutes', 'integer'],
        ['groupSize', 'group_size', 'integer'],
        ['startDate', 'start_date'],
        ['endDate', 'end_date'],
        ['authority.name', 'authority_name'],
        ['authority.role', 'authority_role'],
      ]);
      return mapped(
        [one('promiseProvision', terms, { provisionId, ...(planId === undefined ? {} : { planId }) }, { provisionId: 'provision_ref', planId: 'plan_ref', deliveredBy: 'delivered_by_organisation', frequency: 'sessions', authority: 'authority_name' })],
        defined('provision'),
      );
    }
    case 'plan_ceased': {
      const planId = use('plan');
      if (typeof planId !== 'string') return planId!;
      return mapped([one('ceasePlan', fields([['reason', 'cease_reason'], ['detail', 'detail']]), { planId }, { planId: 'plan_ref' })]);
    }
  }
}

export const isProblem = (mapped: MappedRow | RowProblem): mapped is RowProblem => !('decisions' in mapped);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}
