import type { Random } from '../random.js';

/** The words of the synthetic records: short, plausible, and free of anything that could identify anyone. */
export const OUTCOMES = [
  'Follows a two-part classroom instruction without a visual prompt',
  'Reads 40 of the first 100 high-frequency words at sight',
  'Uses a calm-down plan with one adult prompt when anxious',
  'Retells a short story in sequence using a story map',
  'Joins a structured playground game for ten minutes with peers',
  'Writes three linked sentences using a word mat',
  'Uses a visual timetable to move between activities independently',
  'Counts reliably to 20 and recalls number bonds to 10',
];
export const NEEDS: Array<{ area: 'communication_and_interaction' | 'cognition_and_learning' | 'social_emotional_and_mental_health' | 'sensory_and_physical'; text: string }> = [
  { area: 'communication_and_interaction', text: 'Receptive and expressive language well below age expectations; finds multi-step instructions hard.' },
  { area: 'communication_and_interaction', text: 'Autistic; social communication differences and distress at unplanned change.' },
  { area: 'cognition_and_learning', text: 'Reading and spelling well below age-related expectations; weak phonological working memory.' },
  { area: 'cognition_and_learning', text: 'Moderate learning difficulties across the curriculum; slow processing speed.' },
  { area: 'social_emotional_and_mental_health', text: 'Anxiety about school; frequent distress at the start of the day and low attendance.' },
  { area: 'social_emotional_and_mental_health', text: 'Difficulty regulating emotions; exclusions for dysregulated behaviour.' },
  { area: 'sensory_and_physical', text: 'Hearing impairment (moderate, bilateral); uses hearing aids and a radio aid.' },
  { area: 'sensory_and_physical', text: 'Developmental coordination disorder; fine motor difficulties affect handwriting.' },
];
export const PROGRESS = [
  'Progress towards the outcomes in small groups, not yet in whole-class teaching.',
  'Outcomes met; the strategies are now used across the school day.',
  'Little progress this cycle despite the provision; needs persist across the curriculum.',
  'Good progress in reading; attendance improved this term.',
];
export const REVIEW_SUMMARIES = [
  'Review meeting with the family, the setting and the LA. Outcomes partly met; provision continues as specified.',
  'Review meeting held. Good progress against most outcomes; targets updated in section E.',
  'Review meeting held. Needs have changed; sections B, E and F to be amended.',
  'Review meeting held. Needs now met from the setting\'s SEN support; cessation discussed with the family.',
];
export const PANEL_REASONS = [
  'SEN panel: evidence of a graduated approach over several cycles with limited progress; the child may need provision through an EHC plan (CFA s.36(8)).',
  'SEN panel: significant and long-standing needs set out in the request and the setting\'s evidence.',
];
export const REFUSAL_REASONS = [
  'SEN panel: the setting has not yet run a full graduated approach with specialist advice. You may appeal to the First-tier Tribunal (SEND) within two months, after contacting the mediation adviser (Regs 32).',
  'SEN panel: the child is making progress with SEN support available in the setting. Appeal rights and mediation details are set out in the letter (Regs 5).',
];

export const pick = <T>(random: Random, items: readonly T[]) => random.pick(items);
