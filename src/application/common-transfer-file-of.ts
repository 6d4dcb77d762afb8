import { createHash } from 'node:crypto';
import { englandDateOf, type IsoDate } from '../domain/calendar/iso-date.js';
import { schoolYearOf } from '../domain/calendar/school-year.js';
import type { ChildRecord } from '../domain/child-record/state.js';
import { SETTING_ROLES, type Role } from '../domain/roles.js';
import type { StatutoryClock } from '../domain/statutory-clocks/clock.js';
import { computeClocks } from '../domain/statutory-clocks/compute-clocks.js';
import type { CtfSenSections, LeftOut } from '../domain/transfer-file/ctf-sen-sections.js';
import { senSectionsOfRecord } from '../domain/transfer-file/sen-sections-of-record.js';
import { CTF_VERSION, SUPPLIER_ID, type CtfHeader } from '../transfer-file/ctf-header.js';
import { writeCtf } from '../transfer-file/write-ctf.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';
import { childEventsOf, foldedRecordOf } from './record-views.js';

/** A time the pupil left a school's roll, with the 15-school-day clock it started. */
export interface LeavingWithClock {
  leaving: ChildRecord['leavings'][string];
  clock: StatutoryClock | null;
}

export interface CommonTransferFileExport {
  childId: string;
  childName: string;
  xml: string;
  fileName: string;
  sha256: string;
  sections: CtfSenSections;
  /** What the file could not carry, and why: the school says so to the next school. */
  leftOut: LeftOut[];
  source: CtfHeader['source'];
  /** The leaving the file is for (the latest from the source school), if one is recorded. */
  leavingId: string | null;
  leavings: LeavingWithClock[];
  record: ChildRecord;
}

const SCHOOL_NUMBERS_NOT_HELD: LeftOut = {
  what: "The school's LA number and DfE establishment number (LEA, Estab)",
  why: "the ledger holds a school's URN, not its LAESTAB: the school's management information system adds them",
};

/** The setting the file is sent from: a school reader's own, otherwise (the LA) the school the child is on roll at or last left. */
function sourceSchool(record: ChildRecord, reader: Reader, today: IsoDate): CtfHeader['source'] | null {
  const academicYear = String(schoolYearOf(today));
  if (SETTING_ROLES.includes(reader.actor.role as Role)) {
    const urn = reader.actor.organisation;
    const name =
      record.settingHistory.findLast((s) => s.urn === urn)?.name ?? Object.values(record.leavings).findLast((l) => l.setting.urn === urn)?.setting.name ?? null;
    return name ? { urn, name, academicYear } : null;
  }
  const onRoll = record.onRoll;
  return onRoll?.name ? { ...(onRoll.urn ? { urn: onRoll.urn } : {}), name: onRoll.name, academicYear } : null;
}

/**
 * The SEN sections of the Common Transfer File for a child, from the ledger, for the school that sends it (or the LA,
 * which reads the school's duty): the provision history with the entry each status came from, the ranked types of
 * need, the UPN only where it may be disclosed. Read through the gateway: a child the reader may not read is null,
 * as one that does not exist, and the read is in the access log.
 */
export async function commonTransferFileOf(deps: OneChildDependencies, reader: Reader, childId: string): Promise<CommonTransferFileExport | null> {
  const read = await readChildRecord(deps, reader, childId, 'record', 'commonTransferFile');
  if (!read) return null;
  const now = deps.clock();
  const today = englandDateOf(now.toISOString());
  const record = foldedRecordOf(read.entries);
  const ledger = senSectionsOfRecord(record);
  const source = sourceSchool(record, reader, today);
  if (!ledger || !source) return null;
  const clocks = computeClocks(childEventsOf(read.entries), today).filter((clock) => clock.ruleId === 'common-transfer-file');
  const leavings = Object.values(record.leavings)
    .sort((a, b) => a.leftOn.localeCompare(b.leftOn))
    .map((leaving) => ({ leaving, clock: clocks.find((clock) => clock.subject.id === leaving.leavingId) ?? null }));
  const leaving = leavings.findLast(({ leaving: l }) => l.setting.urn === source.urn)?.leaving ?? null;
  const header: CtfHeader = {
    ctfVersion: CTF_VERSION,
    // The record's time, not the clock's: the same revision gives the same bytes, so the SHA-256 a school records as sent
    // is that of the file it downloaded (a later entry changes both).
    dateTime: read.entries.at(-1)!.metadata.recordedAt.slice(0, 19),
    documentQualifier: 'partial',
    supplierId: SUPPLIER_ID,
    source,
    ...(leaving?.destination ? { dest: leaving.destination.urn ? { urn: leaving.destination.urn } : {} } : {}),
  };
  const leftOut = [...ledger.leftOut, SCHOOL_NUMBERS_NOT_HELD];
  if (!leaving?.destination) leftOut.push({ what: 'The next school (DestSchool)', why: 'no destination is recorded with the pupil leaving this school' });
  else if (!leaving.destination.urn) leftOut.push({ what: "The next school's URN", why: `the destination (${leaving.destination.name}) was recorded without one` });
  const xml = writeCtf(header, ledger.sections);
  return {
    childId,
    childName: record.profile?.displayName ?? '',
    xml,
    fileName: `ctf-sen-${today}.xml`,
    sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
    sections: ledger.sections,
    leftOut,
    source,
    leavingId: leaving?.leavingId ?? null,
    leavings,
    record,
  };
}
