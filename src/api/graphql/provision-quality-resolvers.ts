import { z } from 'zod';
import { queryPromises, type PromiseView } from '../../../projections/promise-view.js';
import { isOpen } from '../../domain/child-record/provision-standing.js';
import { assessSpecificity, specificAndQuantified } from '../../domain/provision-quality/specificity.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { childrenVisibleTo } from '../../application/child-records.js';

/** Fields computed on every promise, wherever it appears (the register, the handover pack). */
export const provisionPromiseResolvers = {
  specificityFlags: (promise: PromiseView) => assessSpecificity(promise.terms, promise.section),
  specificAndQuantified: (promise: PromiseView) => specificAndQuantified(promise.terms, promise.section),
};

export const provisionQualityResolvers = {
  async provisionQuality(_root: unknown, args: { laCode: string }, context: RequestContext) {
    requireActor(context);
    const parsed = z.object({ laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code') }).safeParse(args);
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const { store, promises, clock } = context.services;
    await promises.waitFor(await store.headPosition());
    // Figures only: counted over the children the reader relates to now, and no one child's record is disclosed.
    const children = await childrenVisibleTo(childRecordsOf(context), requireReader(context), { laCode: parsed.data.laCode }, 'record');
    const counts = new Map<string, number>();
    let checked = 0;
    let notSpecific = 0;
    for (const { childId } of children) {
      for (const promise of await queryPromises(promises.reader, { childId }, clock())) {
        // Current: still owed today (provision-standing.ts), as the promises and the handover pack count them.
        if (!isOpen(promise.status)) continue;
        checked++;
        const flags = assessSpecificity(promise.terms, promise.section);
        if (!specificAndQuantified(promise.terms, promise.section)) notSpecific++;
        for (const flag of flags) counts.set(flag.code, (counts.get(flag.code) ?? 0) + 1);
      }
    }
    return {
      laCode: parsed.data.laCode,
      linesChecked: checked,
      linesNotSpecific: notSpecific,
      flagsByCode: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({ code, count })),
    };
  },
};
