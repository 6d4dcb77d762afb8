/**
 * The appeal's coded values in the words a family and a caseworker use: what was appealed, what the tribunal
 * ordered, the parties and the plan's sections. No page shows a code.
 */
import { capitalised, lookup } from './record-vocabulary.js';

/** The plan's sections as the working document and the tribunal name them (SEND Regs 2014 reg 12). */
export const planSection = lookup({
  B: 'section B (special educational needs)',
  C: 'section C (health needs)',
  D: 'section D (social care needs)',
  E: 'section E (outcomes)',
  F: 'section F (special educational provision)',
  G: 'section G (health provision)',
  H1: 'section H1 (social care under section 2 of the Chronically Sick and Disabled Persons Act 1970)',
  H2: 'section H2 (other social care provision)',
  I: 'section I (the school or college named)',
});

/** "sections F and I": a list of sections, short. */
export function sectionsInWords(sections: readonly string[] | undefined): string {
  if (!sections || sections.length === 0) return '';
  const listed = sections.length > 1 ? `${sections.slice(0, -1).join(', ')} and ${sections.at(-1)}` : sections[0]!;
  return `${sections.length > 1 ? 'sections' : 'section'} ${listed}`;
}

const APPEALED: Record<string, string> = {
  refusal_to_assess: 'The decision not to carry out an EHC needs assessment',
  refusal_to_issue: 'The decision not to issue an EHC plan',
  plan_contents: 'What the EHC plan says',
  refusal_to_amend: 'The decision not to amend the EHC plan',
  cease: 'The decision to stop maintaining the EHC plan',
};

/** What an appeal is against, with the sections of a contents appeal: "What the EHC plan says: sections F and I". */
export function appealedInWords(against: string, sections?: readonly string[]): string {
  const what = APPEALED[against] ?? against.replaceAll('_', ' ');
  return sections?.length ? `${what}: ${sectionsInWords(sections)}` : what;
}

/** What an order or a concession makes the local authority do (reg 43(2)), as an instruction. */
export function orderedInWords(kind: string, sections?: readonly string[]): string {
  switch (kind) {
    case 'assess':
      return 'Arrange an EHC needs assessment';
    case 'issue_plan':
      return 'Make and maintain an EHC plan';
    case 'amend_plan':
      return sections?.length ? `Amend ${sectionsInWords(sections)} of the EHC plan` : 'Amend the EHC plan';
    case 'name_school':
      return 'Name the school or college in section I';
    case 'continue_to_maintain':
      return 'Continue to maintain the EHC plan';
    default:
      return kind.replaceAll('_', ' ');
  }
}

/** How the appeal ended in this outcome. */
export const outcomeHow = lookup({
  ordered: 'Ordered by the tribunal after the hearing',
  consent_order: 'A consent order (both parties agreed it)',
  not_opposed: 'The local authority did not oppose the appeal (regulation 45)',
});

export const tribunalOutcome = lookup({ dismissed: 'dismissed the appeal', allowed: 'allowed the appeal', allowed_in_part: 'allowed the appeal in part' });

export const directionInWords = lookup({
  la_response: "The local authority's response",
  evidence: 'Evidence',
  working_document: 'The working document',
  attendance: 'Who will attend the hearing',
  other: 'Other direction',
});

/** A party to the appeal, as the start of a sentence and inside one. */
export const partyInWords = lookup({ parent_carer: 'the parent or carer', young_person: 'the young person', local_authority: 'the local authority' });

export const changeInWords = lookup({ add: 'add', delete: 'delete' });


export const daysInWords = (days: number): string => (days === 1 ? '1 day' : `${days} days`);

/** The section choices of a form, in section order. */
export const sectionOptions = (sections: readonly string[]) => sections.map((value) => ({ value, text: capitalised(planSection(value)) }));
