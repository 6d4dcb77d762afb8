import { buildHandoverPack, packHash, HANDOVER_PACK_FORMAT } from '../../projections/handover-pack.js';
import { packHashFormat1 } from '../../projections/handover-pack-format-1.js';
import { packHashFormat2 } from '../../projections/handover-pack-format-2.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import type { LedgerEntry } from '../ledger/envelope.js';

export type HandoverPackRead = NonNullable<ReturnType<typeof handoverPackFrom>>;

/**
 * The pack at the head of the entries read as of `today`, or the one a recorded handover was cut at, as of the
 * handover's date, with its recorded hash checked. A handover recorded in an earlier format (format 1 before packs
 * had a format, format 2 before they carried tribunal orders and golden-thread flags) is checked against the pack
 * rebuilt in that format; the pack shown is always the current format, so both settings read
 * the same rules, and `recordedFormat` says which bytes the recorded hash is of.
 */
export function handoverPackFrom(entries: LedgerEntry[], today: Date, handoverId?: string) {
  if (entries.length === 0) return null;
  if (handoverId === undefined) {
    const pack = buildHandoverPack(entries, englandDateOf(today.toISOString()));
    return { ...pack, packHash: packHash(pack), matchesRecordedHash: null, recordedPackHash: null, recordedFormat: null };
  }
  const issued = entries.find((e) => e.type === 'HandoverIssued' && e.data['handoverId'] === handoverId);
  if (!issued) return null;
  const cutAt = Number(issued.data['cutAtRevision']);
  const cut = entries.filter((e) => e.streamRevision <= cutAt);
  const pack = buildHandoverPack(cut, englandDateOf(issued.metadata.occurredAt));
  const hash = packHash(pack);
  const recorded = String(issued.data['packHash']);
  const recordedFormat = hash === recorded ? HANDOVER_PACK_FORMAT : packHashFormat2(cut, pack.cutAt.on) === recorded ? 2 : packHashFormat1(cut) === recorded ? 1 : null;
  return { ...pack, packHash: hash, matchesRecordedHash: recordedFormat !== null, recordedPackHash: recorded, recordedFormat };
}
