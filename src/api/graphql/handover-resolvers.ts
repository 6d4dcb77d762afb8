import { z } from 'zod';
import { text } from '../../domain/child-record/vocabulary.js';
import { issueHandover } from '../../application/issue-handover.js';
import { handoverPackFrom } from '../../application/handover-pack-of.js';
import { readChildRecord } from '../../application/child-records.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ledgerEntryView } from './ledger-entry-view.js';
import { EntryOptionsSchema, withoutNulls } from './mutations.js';

const HandoverInput = z.object({
  transitionId: z.uuid({ error: 'must be a UUID' }).optional(),
  toSetting: z.object({ name: text(200), urn: z.string().regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN').optional() }),
});

// Moved to the application layer, where the web pages read it too; kept here for the PDF route's import.
export { handoverPackFrom };

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
