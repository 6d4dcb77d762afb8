import type { AssessableTerms, SpecificityFlag } from '../../../src/domain/provision-quality/specificity.js';

/**
 * A line that passes every check except what a test changes: a named role with a real qualification,
 * three sessions a week, one-to-one.
 */
export const line = (description: string, overrides: Partial<AssessableTerms> = {}): AssessableTerms => ({
  description,
  deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant', qualification: 'Level 3 teaching assistant trained in Precision Teaching' },
  frequency: { sessions: 3, per: 'week' },
  groupSize: 1,
  ...overrides,
});

export const codes = (flags: SpecificityFlag[]) => flags.map((flag) => flag.code);

export const slt = { organisation: 'Somerset NHS Foundation Trust', role: 'Speech and language therapist' };

/** The good line of the brief, word for word. */
export const GOOD_SLT_LINE =
  'Individual speech and language therapy with a HCPC-registered speech and language therapist, 1 session of 45 minutes per week, targeting expressive language';
