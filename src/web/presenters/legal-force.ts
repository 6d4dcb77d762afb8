import type { PromiseKind } from '../../domain/child-record/plan-types.js';

/** How binding a promise is, in the words a family uses (the statute stays beside it for anyone who checks). */
const IN_WORDS: Record<PromiseKind, string> = {
  statutory_duty_la: 'The local authority must secure this by law',
  duty_health_commissioner: 'The health service must arrange this by law',
  social_care_duty: 'The local authority must provide this social care by law',
  social_care_provision: 'Social care the local authority will provide under its own social care law',
  school_commitment: "No legal force: a school's own plan (the school must use its best endeavours to meet the child's needs)",
  no_duty: 'No legal force: recorded for information',
};

/** A short tag for the promise's force: colour is never the only signal, the words say it. */
const TAGS: Record<PromiseKind, { text: string; colour: string }> = {
  statutory_duty_la: { text: 'Legal duty', colour: 'blue' },
  duty_health_commissioner: { text: 'Legal duty (health)', colour: 'blue' },
  social_care_duty: { text: 'Legal duty (social care)', colour: 'blue' },
  social_care_provision: { text: 'Social care', colour: 'turquoise' },
  school_commitment: { text: 'School plan', colour: 'grey' },
  no_duty: { text: 'For information', colour: 'grey' },
};

export const legalForceInWords = (kind: string): string => IN_WORDS[kind as PromiseKind] ?? 'Legal force not known';
export const legalForceTag = (kind: string): { text: string; colour: string } => TAGS[kind as PromiseKind] ?? { text: 'Not known', colour: 'grey' };
