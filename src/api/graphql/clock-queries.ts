import { z } from 'zod';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { isoDate } from '../../domain/child-record/vocabulary.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { deadlinesAnswered } from '../../application/deadlines-in-scope.js';
import { timelinessOf } from '../../application/timeliness-of.js';
import { tribunalOrdersOfChild } from '../../application/tribunal-orders-of.js';
import { tribunalOrdersAcrossLa } from '../../application/tribunal-orders-across-la.js';
import { badInputFrom } from './errors.js';
import { ChildScope, EXACTLY_ONE_SCOPE, exactlyOneScope } from '../../application/children-in-scope.js';
import { withoutNulls } from './mutations.js';
import { pageRequest } from '../../application/paging.js';
import { connectionOf, type PageArgs } from './connections.js';

const DeadlinesArgs = ChildScope.extend({
  state: z.string().optional(),
  failuresOnly: z.boolean().optional(),
  asOf: isoDate().optional(),
  dueFrom: isoDate().optional(),
  dueTo: isoDate().optional(),
}).refine(
  exactlyOneScope,
  EXACTLY_ONE_SCOPE,
);

export const clockQueryResolvers = {
  async deadlines(_root: unknown, args: Record<string, unknown> & PageArgs, context: RequestContext) {
    requireActor(context);
    const { first, after, ...rest } = args;
    const request = pageRequest('deadline', { first, after });
    const parsed = DeadlinesArgs.safeParse(withoutNulls(rest));
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const asOf = parsed.data.asOf ?? englandDateOf(context.services.clock().toISOString());
    // Only the children on the page are noted as read; the others count in totalCount only.
    const page = await deadlinesAnswered(childRecordsOf(context), requireReader(context), parsed.data, asOf, 'deadlines', parsed.data, request);
    return connectionOf(page);
  },

  /**
   * SEN2's timeliness figures (the domain reference, section 5), each with its denominator, for the
   * children in the LA the reader relates to: see sen2-timeliness.ts for what each counts.
   */
  async timeliness(_root: unknown, args: { laCode: string; year: number }, context: RequestContext) {
    requireActor(context);
    const parsed = z.object({ laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code'), year: z.int().min(2014).max(2100) }).safeParse(args);
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const { laCode, year } = parsed.data;
    // The months ride along unasked: the schema has no field for them yet, and GraphQL answers only what was asked.
    return timelinessOf(childRecordsOf(context), requireReader(context), laCode, year, englandDateOf(context.services.clock().toISOString()));
  },

  /** What tribunals ordered for one child and where each order stands today; null reads alike for "none" and "not permitted". */
  async tribunalOrders(_root: unknown, args: { childId: string }, context: RequestContext) {
    requireActor(context);
    if (!z.uuid().safeParse(args.childId).success) return null;
    const today = englandDateOf(context.services.clock().toISOString());
    const orders = await tribunalOrdersOfChild(childRecordsOf(context), requireReader(context), args.childId, today);
    return orders && orders.map((order) => ({ ...order, clocks: order.clocks.map((clock) => ({ ...clock, childId: args.childId })) }));
  },

  /** The orders with a time limit of every child of an LA the reader may read now; each child listed is noted as read. */
  async tribunalOrdersAcrossLa(_root: unknown, args: { laCode: string }, context: RequestContext) {
    requireActor(context);
    const parsed = z.object({ laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code') }).safeParse(args);
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    return tribunalOrdersAcrossLa(childRecordsOf(context), requireReader(context), parsed.data.laCode, englandDateOf(context.services.clock().toISOString()));
  },
};
