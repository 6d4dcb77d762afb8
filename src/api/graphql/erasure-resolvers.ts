import { z } from 'zod';
import { eraseChildRecord } from '../../application/erase-child-record.js';
import { text } from '../../domain/child-record/vocabulary.js';
import { requireActor, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ledgerEntryView } from './ledger-entry-view.js';
import { EntryOptionsSchema, withoutNulls } from './mutations.js';

const ErasureInput = z.object({ reason: z.enum(['retention_period_ended', 'other']), detail: text(1000).optional() });

export const erasureMutationResolvers = {
  /** The retention rule and the key id come from configuration and the key store, never from the caller. */
  async eraseChildRecord(_root: unknown, args: { childId: string; input: Record<string, unknown>; options?: Record<string, unknown> | null }, context: RequestContext) {
    const actor = requireActor(context);
    const input = ErasureInput.safeParse(withoutNulls(args.input));
    if (!input.success) throw badInputFrom(input.error, 'input');
    const options = EntryOptionsSchema.safeParse(withoutNulls(args.options ?? {}));
    if (!options.success) throw badInputFrom(options.error, 'options');
    const childId = z.uuid({ error: 'must be a UUID' }).safeParse(args.childId);
    if (!childId.success) throw badInputFrom(childId.error, 'childId');
    const erased = await eraseChildRecord(context.services, context.services.keys, childId.data, actor, {
      ...options.data,
      ...input.data,
      retentionYearsAfterBirth: context.services.config.RETENTION_YEARS_AFTER_BIRTH,
      correlationId: context.correlationId,
      causationId: context.requestId,
    });
    // What lists kept of the child (its access facts, its clocks) goes now, not when the record is next read.
    context.services.summaries.forget(erased.childId);
    return { childId: erased.childId, streamRevision: erased.erasure.streamRevision, deduplicated: erased.alreadyRecorded, subjectId: null, entries: [ledgerEntryView(erased.erasure)] };
  },
};
