import { z } from 'zod';
import { whoReadTheRecord } from '../../application/who-read-the-record.js';
import { requireReader, type RequestContext } from './context.js';

const Args = z.object({ childId: z.uuid(), limit: z.int().min(1).max(5000).optional() });

export const accessLogResolvers = {
  /** Who viewed the record: the log is itself access-controlled (rights holder, privacy officer) and reading it is logged. */
  async accessLog(_root: unknown, args: { childId: string; limit?: number | null }, context: RequestContext) {
    const reader = requireReader(context);
    const parsed = Args.safeParse({ childId: args.childId, ...(args.limit === null || args.limit === undefined ? {} : { limit: args.limit }) });
    if (!parsed.success) return null;
    return whoReadTheRecord(context.services, reader, parsed.data.childId, parsed.data.limit ?? 500);
  },
};
