import { z } from 'zod';
import { sen2ReturnOf } from '../../application/sen2-return-of.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';

const Sen2ReturnArgs = z.object({
  laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code'),
  // Person-level SEN2 began with the January 2023 census.
  year: z.int().min(2023, 'must be 2023 or later: the person-level return began then').max(2100),
});

export const sen2QueryResolvers = {
  /** The SEN2 return of an LA (see sen2-return-of.ts); null for anyone but an officer of that LA. */
  async sen2Return(_root: unknown, args: { laCode: string; year: number }, context: RequestContext) {
    requireActor(context);
    const parsed = Sen2ReturnArgs.safeParse(args);
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const answer = await sen2ReturnOf(childRecordsOf(context), requireReader(context), parsed.data.laCode, parsed.data.year);
    if (!answer) return null;
    return {
      laCode: answer.laCode,
      year: answer.period.returnYear,
      collectionYear: answer.period.year,
      referenceDate: answer.period.referenceDate,
      xml: answer.xml,
      valid: answer.validation.valid,
      schemaErrors: answer.validation.schemaErrors,
      ruleFailures: answer.validation.ruleFailures,
      rules: answer.rules,
      notHeld: answer.notHeld,
      persons: answer.sen2.persons.length,
      totals: answer.totals,
    };
  },
};
