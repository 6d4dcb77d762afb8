/**
 * The record's coded values in the words a family uses. The codes (`communication_and_interaction`) are the
 * ledger's; no page shows one. A value no list knows is still shown as words, never as a code.
 */

/** Underscores to spaces: the last resort for a value no list below knows. */
export const codeInWords = (value: string): string => value.replaceAll('_', ' ');

export const capitalised = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

/** A coded value in words from its table; a code the table lacks is still said in words, never shown raw. */
export const lookup = (table: Record<string, string>) => (value: string | undefined | null): string =>
  value === undefined || value === null ? '' : (table[value] ?? codeInWords(value));

/** The four broad areas of need (SEND Code of Practice 6.28). */
export const areaOfNeed = lookup({
  communication_and_interaction: 'communication and interaction',
  cognition_and_learning: 'cognition and learning',
  social_emotional_and_mental_health: 'social, emotional and mental health',
  sensory_and_physical: 'sensory and/or physical needs',
});

export const outcomesMet = lookup({ met: 'met', partly_met: 'partly met', not_met: 'not met' });

export const nextStep = lookup({
  continue: 'carry on with the same support',
  new_cycle: 'plan a new cycle of support',
  request_ehc_needs_assessment: 'ask the local authority for an EHC needs assessment',
  end_sen_support: 'end SEN support',
});

export const assessmentRequester = lookup({
  parent_carer: 'a parent or carer',
  young_person: 'the young person',
  school: 'the school',
  health: 'a health service',
  other: 'someone else',
});

export const adviceType = lookup({
  educational: 'educational',
  medical: 'medical',
  psychological: 'psychological',
  social_care: 'social care',
  early_years: 'early years',
  other: 'other',
});

/** Why a plan stopped being maintained (the SEN2 cease reasons). */
export const ceaseReason = lookup({
  max_age: 'the young person reached the upper age limit',
  needs_met: 'the plan is no longer needed: the needs can be met without it',
  higher_education: 'the young person went on to higher education',
  employment: 'the young person went into paid employment',
  transferred_to_another_la: 'the child moved to another local authority',
  no_engagement: 'the young person no longer takes part in education or training',
  left_england: 'the child left England',
  deceased: 'the child died',
  other: 'another reason',
});

export const reviewDecision = lookup({
  maintain: 'keep the plan as it is',
  amend: 'amend the plan',
  cease: 'stop maintaining the plan',
  maintain_as_transferred: 'keep the plan as it was transferred',
  reassess: 'carry out a new EHC needs assessment',
  no_reassessment: 'not carry out a new assessment',
});

export const transition = lookup({
  early_years_to_school: 'from early years to school',
  infant_to_junior: 'from infant to junior school',
  primary_to_secondary: 'from primary to secondary school',
  secondary_to_post16: 'from secondary school to post-16 education',
  post16_to_post16: 'from one post-16 institution to another',
  move_to_another_la: 'a move to another local authority',
});

export const appealableDecision = lookup({
  refusal_to_assess: 'the decision not to carry out an EHC needs assessment',
  refusal_to_issue: 'the decision not to issue an EHC plan',
  plan_contents: 'what the EHC plan says',
  refusal_to_amend: 'the decision not to amend the EHC plan',
  cease: 'the decision to stop maintaining the EHC plan',
});

export const whoseViews = lookup({ child: 'the child', parent_carer: 'the parent or carer', young_person: 'the young person' });

export const viewsHow = lookup({
  meeting: 'at a meeting',
  written: 'in writing',
  through_advocate: 'through an advocate',
  conversation: 'in a conversation',
  other: 'in another way',
});

export const viewsAbout = lookup({
  decision: 'a decision',
  review: 'a review',
  sen_support_cycle: 'SEN support',
  plan_section_a: "section A of the EHC plan (the child's views, interests and aspirations)",
  general: 'anything to do with their support',
});

export const meeting = lookup({
  annual_review: 'annual review meeting',
  sen_support_review: 'SEN support review meeting',
  draft_plan_meeting: 'meeting about the draft EHC plan',
  cease_consultation: 'meeting about stopping the EHC plan',
  other: 'meeting',
});

export const invitee = lookup({
  parent_carer: 'the parent or carer',
  young_person: 'the young person',
  child: 'the child',
  school: 'the school',
  health: 'health services',
  social_care: 'social care',
  la: 'the local authority',
});

export const targetSetter = lookup({
  child: 'the child',
  parent_carer: 'the parent or carer',
  young_person: 'the young person',
  school: 'the school',
  external_professional: 'an outside professional',
});

export const rightsHolder = lookup({ parent_carer: 'the parent or carer', young_person: 'the young person' });

export const involvedService = lookup({ health: 'health', social_care: 'social care', educational_psychology: 'educational psychology' });

export const consentScope = lookup({
  record: 'the record',
  audit_trail: 'every entry and who recorded it',
  handover_pack: 'handover packs',
  evidence_export: 'evidence bundles for a tribunal',
});

export const granteeRole = lookup({ advocate: 'advocate', tribunal: 'tribunal' });

/** The grounds on which the LA need not meet a time limit (SEND Regs 2014 reg 10(4)). */
export const exceptionGround = lookup({
  a: 'a school or college was closed for 4 weeks or more',
  b: 'an early years provider was closed for 4 weeks or more',
  c: 'exceptional personal circumstances of the child or family',
  d: 'the child or family was away from the area for 4 weeks or more',
  coronavirus: 'a reason relating to coronavirus (2020)',
});

export const signOffSubject = lookup({
  plan: 'the EHC plan',
  section: 'a section of the EHC plan',
  review: 'the review',
  handover: 'the handover',
  sen_support_plan: 'the SEN support plan',
});

export const needRank = lookup({ primary: 'main', secondary: 'other' });

export const erasureReason = lookup({ retention_period_ended: 'the end of its retention period', other: 'a reason given below' });

/** Where a promise was made: a section of the EHC plan (SEND Regs 2014 reg 12), or the school's own SEN support. */
export const provisionSection = lookup({
  F: 'section F of the EHC plan (special educational provision)',
  G: 'section G of the EHC plan (health provision)',
  H1: 'section H1 of the EHC plan (social care provision)',
  H2: 'section H2 of the EHC plan (other social care provision)',
  SEN_SUPPORT: "the school's SEN support",
});

/** "a week", "a fortnight", "a half term". */
export const perPeriod = lookup({
  day: 'a day',
  week: 'a week',
  fortnight: 'a fortnight',
  month: 'a month',
  half_term: 'a half term',
  term: 'a term',
  year: 'a year',
});

/** "3 sessions a week", "1 session a fortnight". */
export const frequencyInWords = (frequency: { sessions: number; per: string }): string =>
  `${frequency.sessions} ${frequency.sessions === 1 ? 'session' : 'sessions'} ${perPeriod(frequency.per)}`;

/** "45 minutes", "1 hour", "1 hour 30 minutes". */
export function minutesInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return rest === 0 ? h : `${h} ${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
}

/** "one to one", "in a group of 4". */
export const groupInWords = (size: number | undefined): string => (size === undefined ? '' : size === 1 ? 'one to one' : `in a group of ${size}`);

/** "3 sessions", "1 session". */
export const sessionsInWords = (sessions: number): string => `${sessions} ${sessions === 1 ? 'session' : 'sessions'}`;

/** "a, b and c"; "a, b and c, and d" when an item has an "and" of its own. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const serial = items.length > 2 && items.some((item) => item.includes(' and '));
  return `${items.slice(0, -1).join(', ')}${serial ? ',' : ''} and ${items.at(-1)}`;
}
