import { upnCheckLetter } from '../../src/domain/identifiers/upn.js';

/**
 * A synthetic caseload export in the import's format (docs/caseload-import.md), deterministic: the same call gives
 * the same bytes. Most children run child → identifier → need → request → decision → draft → final → provision →
 * review → phase transfer; one child in ten carries exactly one bad row of a kind the import must refuse, and no
 * other row depends on a bad one, so the refused rows are exactly the bad ones.
 */

export const COLUMNS = [
  'child_ref', 'event', 'date', 'display_name', 'date_of_birth', 'la_code', 'setting_name', 'setting_urn', 'upn', 'uln', 'nhs_number',
  'identifier_scheme', 'identifier_value', 'reason', 'need_ref', 'area', 'rank', 'sen_type', 'description', 'request_ref', 'requested_by',
  'requester_description', 'reasons', 'plan_ref', 'summary', 'review_decision', 'transfer', 'starts_on', 'provision_ref', 'section',
  'delivered_by_organisation', 'delivered_by_role', 'sessions', 'per', 'minutes', 'group_size', 'start_date', 'end_date', 'authority_name',
  'authority_role', 'cease_reason', 'detail',
] as const;
type Column = (typeof COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

export interface BadRow {
  row: number;
  childRef: string;
  kind: string;
  column: string;
  /** What the reason must say. */
  reason: RegExp;
}

export interface GeneratedCaseload {
  csv: string;
  rows: Array<Row & { row: number }>;
  bad: BadRow[];
  /** How many good rows of each event there are. */
  goodEvents: Record<string, number>;
}

const BAD_KINDS = ['impossible_date', 'decision_before_request', 'upn_check_letter', 'nhs_check_digit', 'unknown_event', 'review_of_missing_plan', 'minutes_not_a_number', 'sen_type_outside_area'] as const;
type BadKind = (typeof BAD_KINDS)[number];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function validUpn(n: number): string {
  const body = `202${pad(2000 + Math.floor(n / 1000), 4)}15${pad(n % 1000, 3)}`;
  return `${upnCheckLetter(`X${body}`)}${body}`;
}

/** A UPN whose check letter is wrong (the next letter of the alphabet UPNs use). */
export function wrongUpn(n: number): string {
  const good = validUpn(n);
  const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  return `${letters[(letters.indexOf(good[0]!) + 1) % letters.length]}${good.slice(1)}`;
}

function nhsCheck(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? null : check;
}

/** A valid NHS number near n (a base whose check digit would be 10 is skipped). */
export function validNhsNumber(n: number): string {
  for (let k = n; ; k++) {
    const nine = `4${pad(k, 8)}`;
    const check = nhsCheck(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

export function wrongNhsNumber(n: number): string {
  const good = validNhsNumber(n);
  return `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
}

export function validUln(n: number): string {
  for (let k = n; ; k++) {
    const nine = `5${pad(k, 8)}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    if (sum % 11 !== 0) return `${nine}${10 - (sum % 11)}`;
  }
}

/** The rows of one child from a start date; `bad` swaps in (or cuts at) one bad row. */
function childRows(k: number, bad: BadKind | null): Array<{ row: Row; bad?: { kind: BadKind; column: string; reason: RegExp } }> {
  const ref = `C${pad(k, 5)}`;
  const born = addDays('2010-01-01', (k * 37) % 2900);
  const registered = addDays('2019-01-07', k % 300);
  const requested = addDays(registered, 30 + (k % 60));
  const decided = addDays(requested, 35);
  const drafted = addDays(decided, 56);
  const final = addDays(drafted, 28);
  const reviewed = addDays(final, 360);
  const transferred = addDays(reviewed, 30);
  const urn = String(100000 + (k % 900));
  const rows: Array<{ row: Row; bad?: { kind: BadKind; column: string; reason: RegExp } }> = [
    { row: { child_ref: ref, event: 'child', date: registered, display_name: `Child ${ref}`, date_of_birth: born, setting_name: `School ${k % 40}`, setting_urn: urn, upn: validUpn(k), nhs_number: validNhsNumber(k * 11) } },
    { row: { child_ref: ref, event: 'identifier', date: registered, identifier_scheme: 'uln', identifier_value: validUln(k * 13) } },
    { row: { child_ref: ref, event: 'need', date: registered, need_ref: 'N1', area: 'communication_and_interaction', rank: 'primary', sen_type: k % 2 ? 'ASD' : 'SLCN', description: 'Needs support with social communication' } },
    { row: { child_ref: ref, event: 'request', date: requested, request_ref: 'R1', requested_by: k % 3 ? 'parent_carer' : 'school' } },
    { row: { child_ref: ref, event: 'decision_to_assess', date: decided, request_ref: 'R1', reasons: 'Evidence of needs beyond SEN support' } },
    { row: { child_ref: ref, event: 'draft_plan', date: drafted, request_ref: 'R1', plan_ref: 'P1' } },
    { row: { child_ref: ref, event: 'final_plan', date: final, plan_ref: 'P1', setting_name: `School ${k % 40}`, setting_urn: urn } },
    {
      row: {
        child_ref: ref, event: 'provision', date: final, provision_ref: 'F1', plan_ref: 'P1', section: 'F', description: 'Speech and language therapy',
        delivered_by_organisation: 'NHS Trust', delivered_by_role: 'Speech and language therapist', sessions: '1', per: 'week', minutes: '30',
        start_date: final, authority_name: 'Panel chair', authority_role: 'Chair, SEN panel',
      },
    },
    { row: { child_ref: ref, event: 'annual_review', date: reviewed, plan_ref: 'P1', review_decision: 'maintain', summary: 'Plan maintained' } },
    k % 5 === 0
      ? { row: { child_ref: ref, event: 'plan_ceased', date: transferred, plan_ref: 'P1', cease_reason: 'needs_met' } }
      : { row: { child_ref: ref, event: 'phase_transfer', date: transferred, plan_ref: 'P1', transfer: 'primary_to_secondary', setting_name: `Secondary ${k % 20}`, starts_on: '2025-09-01' } },
  ];
  switch (bad) {
    case null:
      return rows;
    case 'impossible_date':
      rows[8] = { row: { ...rows[8]!.row, date: `${reviewed.slice(0, 4)}-02-30` }, bad: { kind: bad, column: 'date', reason: /does not exist|not a date/i } };
      return rows;
    case 'decision_before_request':
      // Nothing can follow a refused decision, so the child's record stops there.
      rows[4] = { row: { ...rows[4]!.row, date: addDays(requested, -10) }, bad: { kind: bad, column: 'date', reason: /a decision cannot precede the request it decides/ } };
      return rows.slice(0, 5);
    case 'upn_check_letter':
      rows[1] = { row: { ...rows[1]!.row, identifier_scheme: 'upn', identifier_value: wrongUpn(k + 500) }, bad: { kind: bad, column: 'identifier_value', reason: /check letter does not match/ } };
      return rows;
    case 'nhs_check_digit':
      rows[1] = { row: { ...rows[1]!.row, identifier_scheme: 'nhs_number', identifier_value: wrongNhsNumber(k * 7) }, bad: { kind: bad, column: 'identifier_value', reason: /check digit does not match/ } };
      return rows;
    case 'unknown_event':
      rows[9] = { row: { ...rows[9]!.row, event: 'transfer_out' }, bad: { kind: bad, column: 'event', reason: /"transfer_out" is not an event this import knows/ } };
      return rows;
    case 'review_of_missing_plan':
      rows[8] = { row: { ...rows[8]!.row, plan_ref: 'P9' }, bad: { kind: bad, column: 'plan_ref', reason: /no EHC plan with id plan_ref P9/ } };
      return rows;
    case 'minutes_not_a_number':
      rows[7] = { row: { ...rows[7]!.row, minutes: 'thirty' }, bad: { kind: bad, column: 'minutes', reason: /whole number/ } };
      return rows;
    case 'sen_type_outside_area':
      rows[2] = { row: { ...rows[2]!.row, sen_type: 'MLD' }, bad: { kind: bad, column: 'sen_type', reason: /senType MLD is a type of cognition and learning/ } };
      return rows;
  }
}

const csvCell = (value: string | undefined) => (value === undefined ? '' : /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `total` rows (beside the header), exactly `badCount` of them bad (one child in ten, while they last). */
export function generateCaseload(total = 10_000, badCount = total / 100): GeneratedCaseload {
  const rows: Array<Row & { row: number }> = [];
  const bad: BadRow[] = [];
  const goodEvents: Record<string, number> = {};
  let badSoFar = 0;
  for (let k = 1; rows.length < total; k++) {
    const kind = k % 10 === 5 && badSoFar < badCount ? BAD_KINDS[badSoFar % BAD_KINDS.length]! : null;
    if (kind) badSoFar++;
    // A child cut short at the end keeps a prefix of its history, which is valid on its own.
    for (const generated of childRows(k, kind).slice(0, total - rows.length)) {
      const row = rows.length + 2;
      rows.push({ ...generated.row, row });
      if (generated.bad) bad.push({ row, childRef: generated.row.child_ref!, ...generated.bad });
      else goodEvents[generated.row.event!] = (goodEvents[generated.row.event!] ?? 0) + 1;
    }
  }
  if (bad.length !== badCount) throw new Error(`generated ${bad.length} bad rows, wanted ${badCount}`);
  const csv = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\n') + '\n';
  return { csv, rows, bad, goodEvents };
}
