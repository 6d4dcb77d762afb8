import { z } from 'zod';
import { whoReadTheRecordPage } from '../../application/who-read-the-record.js';
import { pageRequest } from '../../application/paging.js';
import { requireReader, type RequestContext } from './context.js';
import { connectionOf, type PageArgs } from './connections.js';

export const accessLogResolvers = {
  /** Who viewed the record: the log is itself access-controlled (rights holder, privacy officer) and reading it is logged. */
  async accessLog(_root: unknown, args: { childId: string } & PageArgs, context: RequestContext) {
    const reader = requireReader(context);
    const request = pageRequest('access', args);
    if (!z.uuid().safeParse(args.childId).success) return null;
    const page = await whoReadTheRecordPage(context.services, reader, args.childId, request);
    return page && connectionOf(page);
  },
};
