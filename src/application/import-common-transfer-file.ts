import { createHash } from 'node:crypto';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import type { ChildRecord } from '../domain/child-record/state.js';
import { normalisedIdentifier } from '../domain/identifiers/pupil-identifiers.js';
import type { CtfSenSections } from '../domain/transfer-file/ctf-sen-sections.js';
import { reconcileSenSections, reconcileWithHandoverPack, type Difference } from '../domain/transfer-file/reconcile-sen-sections.js';
import { senSectionsOfRecord } from '../domain/transfer-file/sen-sections-of-record.js';
import type { Actor } from '../ledger/envelope.js';
import type { CtfHeader } from '../transfer-file/ctf-header.js';
import { readCtf } from '../transfer-file/read-ctf.js';
import { BadInput } from './bad-input.js';
import { childrenVisibleTo, readChildRecord, type ChildRecordsDependencies, type Reader } from './child-records.js';
import { handoverPackFrom } from './handover-pack-of.js';
import type { LedgerServices } from './ledger-services.js';
import { foldedRecordOf } from './record-views.js';
import { recordDecision } from './record-decision.js';

export type PupilMatch =
  | { matched: true; childId: string; childName: string; by: 'upn' | 'date_of_birth_and_name' }
  /** No child the reader may read matches: said the same whether or not such a child exists elsewhere in the ledger. */
  | { matched: false; why: 'no_match' | 'more_than_one' };

export interface CommonTransferFileReconciliation {
  sha256: string;
  header: CtfHeader;
  pupil: CtfSenSections;
  match: PupilMatch;
  /** Empty when the file and the ledger agree; only set when the pupil matched. Each with the type and date of the entry behind the ledger's value. */
  differences: Array<Difference & { entry: { type: string; on: string } | null }>;
  /** The handover pack to the reader's school the file was also compared with, if there is one. */
  handoverPack: { handoverId: string; issuedOn: string } | null;
  /** The CommonTransferFileReceived entry, when the import recorded one. */
  recorded: { eventId: string; ctfId: string } | null;
}

const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The names a file's pupil may be known by in the ledger, which holds one display name: forename alone, or forename and surname either way round. */
function namesOf(pupil: CtfSenSections['pupil']): string[] {
  const { forename, surname } = pupil;
  return [forename, forename && surname ? `${forename} ${surname}` : undefined, forename && surname ? `${surname} ${forename}` : undefined, !forename ? surname : undefined]
    .filter((n): n is string => n !== undefined)
    .map(nameKey);
}

interface Candidate {
  childId: string;
  record: ChildRecord;
}

/**
 * Match the file's pupil among the children the reader may read now (each compared is read through the gateway and
 * in the access log): by UPN first, otherwise by date of birth and name. A child the reader may not read is never a
 * candidate, so "no match" reads the same whether or not the child is in the ledger.
 */
async function matchPupil(deps: ChildRecordsDependencies, reader: Reader, pupil: CtfSenSections['pupil']): Promise<{ match: PupilMatch; candidate?: Candidate }> {
  const candidates: Candidate[] = [];
  for (const { childId } of await childrenVisibleTo(deps, reader, {}, 'record')) {
    const read = await readChildRecord(deps, reader, childId, 'record', 'compared with a received Common Transfer File');
    if (read && !read.capped) candidates.push({ childId, record: foldedRecordOf(read.entries) });
  }
  const found = (list: Candidate[], by: 'upn' | 'date_of_birth_and_name') => {
    if (list.length > 1) return { match: { matched: false as const, why: 'more_than_one' as const } };
    const [only] = list;
    return only ? { match: { matched: true as const, childId: only.childId, childName: only.record.profile?.displayName ?? '', by }, candidate: only } : undefined;
  };
  if (pupil.upn) {
    const upn = normalisedIdentifier('upn', pupil.upn);
    const byUpn = found(candidates.filter((c) => c.record.identifiers.upn?.value === upn), 'upn');
    if (byUpn) return byUpn;
  }
  const names = namesOf(pupil);
  const byName = candidates.filter((c) => c.record.profile?.dateOfBirth === pupil.dateOfBirth && names.includes(nameKey(c.record.profile.displayName)));
  return found(byName, 'date_of_birth_and_name') ?? { match: { matched: false, why: 'no_match' } };
}

/** The latest handover pack issued to the reader's school for the child, as the pack was cut then. */
function latestPackToReader(entries: Parameters<typeof handoverPackFrom>[0], record: ChildRecord, actor: Actor, today: Date) {
  const handover = Object.values(record.handovers)
    .filter((h) => h.toSetting.urn === actor.organisation)
    .sort((a, b) => a.issued.on.localeCompare(b.issued.on))
    .at(-1);
  if (!handover) return null;
  const pack = handoverPackFrom(entries, today, handover.handoverId);
  return pack ? { handover, pack } : null;
}

/**
 * A received Common Transfer File: checked against the schema (refused as BAD_INPUT, nothing recorded), its one pupil
 * matched, its SEN sections reconciled with the ledger and with the latest handover pack to the reader's school; with
 * `record`, the file's receipt is recorded (CommonTransferFileReceived, the SHA-256 of its bytes) through the one write path.
 */
export async function importCommonTransferFile(
  services: LedgerServices,
  reader: Reader,
  xml: string,
  options: { record: boolean; correlationId: string; causationId: string; field?: string },
): Promise<CommonTransferFileReconciliation> {
  const field = options.field ?? 'xml';
  const file = await readCtf(xml, field);
  if (file.pupils.length !== 1) {
    const message = `holds ${file.pupils.length} pupils: this import reads a file for one pupil`;
    throw new BadInput(`${field}: ${message}`, field, [{ field, message }]);
  }
  const pupil = file.pupils[0]!;
  const sha256 = createHash('sha256').update(xml, 'utf8').digest('hex');
  const { match, candidate } = await matchPupil(services, reader, pupil.pupil);
  const result: CommonTransferFileReconciliation = { sha256, header: file.header, pupil, match, differences: [], handoverPack: null, recorded: null };
  if (!match.matched || !candidate) return result;
  const ledger = senSectionsOfRecord(candidate.record);
  if (!ledger) return result;
  const registered = candidate.record.history.find((event) => event.type === 'ChildRegistered')?.eventId ?? null;
  const found: Difference[] = reconcileSenSections(pupil, ledger.sections, registered);
  const packToReader = Object.values(candidate.record.handovers).some((h) => h.toSetting.urn === reader.actor.organisation);
  const read = packToReader ? await readChildRecord(services, reader, candidate.childId, 'handover_pack', 'handover pack compared with a received Common Transfer File') : null;
  const latest = read ? latestPackToReader(read.entries, candidate.record, reader.actor, services.clock()) : null;
  if (latest) {
    const issuedOn = englandDateOf(latest.handover.issued.on);
    result.handoverPack = { handoverId: latest.handover.handoverId, issuedOn };
    found.push(...reconcileWithHandoverPack(pupil, { needs: latest.pack.needs, eventId: latest.handover.issued.eventId, issuedOn }));
  }
  const entryOf = (eventId: string | null) => {
    const event = eventId ? candidate.record.history.find((e) => e.eventId === eventId) : undefined;
    return event ? { type: event.type, on: englandDateOf(event.occurredAt) } : null;
  };
  result.differences = found.map((d) => ({ ...d, entry: entryOf(d.eventId) }));
  if (options.record) {
    const from = { name: file.header.source.name, ...(file.header.source.urn ? { urn: file.header.source.urn } : {}) };
    const recorded = await recordDecision(services, reader.actor, 'recordCommonTransferFileReceived', {
      childId: candidate.childId,
      input: { from, sha256 },
      // The same file taken in again (a second upload) finds its first receipt rather than recording another.
      options: { idempotencyKey: `common-transfer-file-received:${sha256}` },
      correlationId: options.correlationId,
      causationId: options.causationId,
    });
    const entry = recorded.entries.at(-1);
    result.recorded = entry ? { eventId: entry.eventId, ctfId: String(recorded.subjectId) } : null;
  }
  return result;
}
