import { z } from 'zod';
import type { PromiseView } from '../../../projections/promise-view.js';
import { assessSpecificity, specificAndQuantified } from '../../domain/provision-quality/specificity.js';
import { requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { provisionQualityOf } from '../../application/provision-quality-of.js';

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
    // Figures only: counted over the children the reader relates to now, and no one child's record is disclosed.
    const { laCode, linesChecked, linesNotSpecific, flagsByCode } = await provisionQualityOf(context.services, requireReader(context), parsed.data.laCode);
    return { laCode, linesChecked, linesNotSpecific, flagsByCode };
  },
};
