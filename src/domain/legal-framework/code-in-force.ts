/**
 * Which legal framework governed an entry on the day it happened. The 2014 reform (Children and
 * Families Act 2014 Part 3, in force 1 September 2014) replaced statements with EHC plans, but
 * statements continued, under transitional arrangements, until transferred; the last transfer
 * reviews were due by 1 April 2018 (the domain reference, section 1, "Statements -> EHC plans").
 */
export type LegalFramework = 'sen_code_2001' | 'transitional_2014_2018' | 'send_code_2015';

export interface FrameworkInForce {
  framework: LegalFramework;
  title: string;
  source: string;
}

export const REFORM_DATE = '2014-09-01';
export const TRANSITION_END = '2018-04-01';

const FRAMEWORKS: Record<LegalFramework, Omit<FrameworkInForce, 'framework'>> = {
  sen_code_2001: {
    title: 'SEN Code of Practice 2001 (School Action, School Action Plus, statements, IEPs)',
    source: 'Education Act 1996 Part 4; SEN Code of Practice (2001)',
  },
  transitional_2014_2018: {
    title: 'Transitional arrangements: a statement maintained until transferred to an EHC plan',
    source: 'Children and Families Act 2014 (Transitional and Saving Provisions) orders; transfer reviews to 1 April 2018',
  },
  send_code_2015: {
    title: 'SEND Code of Practice 0 to 25 (2015)',
    source: 'Children and Families Act 2014 Part 3; SEND Regulations 2014; SEND Code of Practice (January 2015)',
  },
};

/**
 * The framework on `date` (YYYY-MM-DD). From the reform until 1 April 2018 a child who still held a
 * statement was under the transitional arrangements; everyone else was under the new law.
 */
export function frameworkOn(date: string, holdsUntransferredStatement: boolean): FrameworkInForce {
  const framework: LegalFramework =
    date < REFORM_DATE ? 'sen_code_2001' : holdsUntransferredStatement && date < TRANSITION_END ? 'transitional_2014_2018' : 'send_code_2015';
  return { framework, ...FRAMEWORKS[framework] };
}
