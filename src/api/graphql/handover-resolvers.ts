import { z } from 'zod';
import { buildHandoverPack, packHash, HANDOVER_PACK_FORMAT } from '../../../projections/handover-pack.js';
import { packHashFormat1 } from '../../../projections/handover-pack-format-1.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { text } from '../../domain/child-record/vocabulary.js';
import { issueHandover } from '../../application/issue-handover.js';
import { readChildRecord } from '../../application/child-records.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ledgerEntryView } from './ledger-entry-view.js';
import { EntryOptionsSchema, withoutNulls } from './mutations.js';

const HandoverInput = z.object({
  transitionId: z.uuid({ error: 'must be a UUID' }).optional(),
  toSetting: z.object({ name: text(200), urn: z.string().regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN').optional() }),
});

/**
 * The pack at the head of the entries read as of `today`, or the one a recorded handover was cut at, as of the
 * handover's date, with its recorded hash checked. A handover recorded before packs had a format (format 1) is
 * checked against the pack rebuilt in format 1; the pack shown is always the current format, so both settings read
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
  const recordedFormat = hash === recorded ? HANDOVER_PACK_FORMAT : packHashFormat1(cut) === recorded ? 1 : null;
  return { ...pack, packHash: hash, matchesRecordedHash: recordedFormat !== null, recordedPackHash: recorded, recordedFormat };
}

export const handoverQueryResolvers = {
  async handoverPack(_root: unknown, args: { childId: string; handoverId?: string | null }, context: RequestContext) {
    const reader = requireReader(context);
    const ids = z.object({ childId: z.uuid(), handoverId: z.uuid().optional() }).safeParse(withoutNulls(args));
    if (!ids.success) return null;
    const read = await readChildRecord(childRecordsOf(context), reader, ids.data.childId, 'handover_pack', 'handoverPack');
    const pack = read ? handoverPackFrom(read.entries, context.services.clock(), ids.data.handoverId) : null;
    if (!pack) return null;
    const query = ids.data.handoverId ? `?handoverId=${ids.data.handoverId}` : '';
    return { ...pack, pdfPath: `/children/${ids.data.childId}/handover-pack.pdf${query}` };
  },
};

export async function issueHandoverResolver(
  _root: unknown,
  args: { childId: string; input: Record<string, unknown>; options?: Record<string, unknown> | null },
  context: RequestContext,
) {
  const actor = requireActor(context);
  const input = HandoverInput.safeParse(withoutNulls(args.input));
  if (!input.success) throw badInputFrom(input.error, 'input');
  const options = EntryOptionsSchema.safeParse(withoutNulls(args.options ?? {}));
  if (!options.success) throw badInputFrom(options.error, 'options');
  const childId = z.uuid({ error: 'must be a UUID' }).safeParse(args.childId);
  if (!childId.success) throw badInputFrom(childId.error, 'childId');
  const recorded = await issueHandover(context.services, childId.data, actor, input.data, {
    ...options.data,
    correlationId: context.correlationId,
    causationId: context.requestId,
  });
  return {
    childId: recorded.childId,
    streamRevision: recorded.streamRevision,
    deduplicated: recorded.deduplicated,
    subjectId: recorded.entries[0]?.data['handoverId'] ?? null,
    entries: recorded.entries.map(ledgerEntryView),
  };
}
