import { AREA_OF_SEN_TYPE } from '../child-record/vocabulary.js';
import type { CtfSenNeed, CtfSenSections, CtfSenStatus } from './ctf-sen-sections.js';
import { SEN_PROVISION_WORDS } from './ctf-sen-sections.js';

export type DifferenceKind =
  | 'date_of_birth'
  | 'sen_status_now'
  | 'sen_status_history'
  | 'sen_status_start_date'
  | 'need_type'
  | 'need_rank'
  | 'need_not_in_ledger'
  | 'need_not_in_file'
  | 'handover_pack_need';

/** One way the file and the ledger disagree: both values in words, and the entry behind the ledger's (null where the ledger holds none). */
export interface Difference {
  kind: DifferenceKind;
  what: string;
  inFile: string;
  inLedger: string;
  eventId: string | null;
}

const NOT_IN_FILE = 'not in the file';
const NOT_HELD = 'not held in the ledger';
const statusWords = (status: CtfSenStatus) => `${SEN_PROVISION_WORDS[status.provision]} from ${status.startDate}`;
const needWords = (need: CtfSenNeed) => `${need.type}, rank ${need.rank}`;

function historyDifferences(file: readonly CtfSenStatus[], ledger: readonly CtfSenStatus[]): Difference[] {
  const found: Difference[] = [];
  const fileNow = file.at(-1);
  const ledgerNow = ledger.at(-1);
  if (fileNow?.provision !== ledgerNow?.provision) {
    found.push({
      kind: 'sen_status_now',
      what: 'SEN status now',
      inFile: fileNow ? SEN_PROVISION_WORDS[fileNow.provision] : NOT_IN_FILE,
      inLedger: ledgerNow ? SEN_PROVISION_WORDS[ledgerNow.provision] : NOT_HELD,
      eventId: ledgerNow?.eventId ?? null,
    });
  }
  // Each status in turn: the same provision should start on the same day.
  for (let i = 0; i < Math.max(file.length, ledger.length); i++) {
    const inFile = file[i];
    const inLedger = ledger[i];
    if (inFile && inLedger && inFile.provision === inLedger.provision) {
      if (inFile.startDate !== inLedger.startDate) {
        found.push({ kind: 'sen_status_start_date', what: `Start of ${SEN_PROVISION_WORDS[inLedger.provision]} (status ${i + 1} of the SEN history)`, inFile: inFile.startDate, inLedger: inLedger.startDate, eventId: inLedger.eventId ?? null });
      }
      continue;
    }
    found.push({
      kind: 'sen_status_history',
      what: `Status ${i + 1} of the SEN history`,
      inFile: inFile ? statusWords(inFile) : NOT_IN_FILE,
      inLedger: inLedger ? statusWords(inLedger) : NOT_HELD,
      eventId: inLedger?.eventId ?? null,
    });
  }
  return found;
}

function needDifferences(file: readonly CtfSenNeed[], ledger: readonly CtfSenNeed[]): Difference[] {
  const found: Difference[] = [];
  const unmatchedFile = file.filter((need) => !ledger.some((l) => l.type === need.type));
  const unmatchedLedger = ledger.filter((need) => !file.some((f) => f.type === need.type));
  for (const need of file) {
    const same = ledger.find((l) => l.type === need.type);
    if (same && same.rank !== need.rank) {
      found.push({ kind: 'need_rank', what: `Rank of ${need.type}`, inFile: String(need.rank), inLedger: String(same.rank), eventId: same.eventId ?? null });
    }
  }
  // A different type at the same rank is one difference (the type changed), not one missing and one extra.
  for (const need of unmatchedFile) {
    const atRank = unmatchedLedger.findIndex((l) => l.rank === need.rank);
    if (atRank >= 0) {
      const [ledgerNeed] = unmatchedLedger.splice(atRank, 1);
      found.push({ kind: 'need_type', what: `Type of need ranked ${need.rank}`, inFile: need.type, inLedger: ledgerNeed!.type, eventId: ledgerNeed!.eventId ?? null });
    } else {
      found.push({ kind: 'need_not_in_ledger', what: `Type of need ${need.type}`, inFile: needWords(need), inLedger: NOT_HELD, eventId: null });
    }
  }
  for (const need of unmatchedLedger) {
    found.push({ kind: 'need_not_in_file', what: `Type of need ${need.type}`, inFile: NOT_IN_FILE, inLedger: needWords(need), eventId: need.eventId ?? null });
  }
  return found;
}

/** The file's SEN sections against the ledger's for the same child: every difference, in the file's order of sections. */
export function reconcileSenSections(file: CtfSenSections, ledger: CtfSenSections, dobEventId: string | null): Difference[] {
  const pupil: Difference[] =
    file.pupil.dateOfBirth === ledger.pupil.dateOfBirth
      ? []
      : [{ kind: 'date_of_birth', what: 'Date of birth', inFile: file.pupil.dateOfBirth, inLedger: ledger.pupil.dateOfBirth, eventId: dobEventId }];
  return [...pupil, ...historyDifferences(file.history, ledger.history), ...needDifferences(file.needs, ledger.needs)];
}

/** The needs of a handover pack (area and rank, no DfE type) the file's typed needs are compared with. */
export interface PackNeeds {
  needs: ReadonlyArray<{ area: string; rank: string }>;
  /** The HandoverIssued entry the pack was cut at. */
  eventId: string;
  issuedOn: string;
}

const words = (area: string) => area.replaceAll('_', ' ');

/**
 * The pack carries each need's broad area and rank, not its DfE type: a file's need whose type belongs to an area
 * (OTH and NSA belong to none) should have a need of that area at that rank (1 primary, else secondary) in the pack.
 */
export function reconcileWithHandoverPack(file: CtfSenSections, pack: PackNeeds): Difference[] {
  const found: Difference[] = [];
  for (const need of file.needs) {
    const area = AREA_OF_SEN_TYPE[need.type];
    if (area === null) continue;
    const rank = need.rank === 1 ? 'primary' : 'secondary';
    if (pack.needs.some((n) => n.area === area && n.rank === rank)) continue;
    const inPack = pack.needs.filter((n) => n.rank === rank).map((n) => words(n.area));
    found.push({
      kind: 'handover_pack_need',
      what: `Handover pack of ${pack.issuedOn}: ${rank} need`,
      inFile: `${need.type} (${words(area)}), rank ${need.rank}`,
      inLedger: inPack.length > 0 ? `${rank} need in ${inPack.join(', ')}` : `no ${rank} need in the pack`,
      eventId: pack.eventId,
    });
  }
  return found;
}
