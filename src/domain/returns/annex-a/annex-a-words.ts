import type { AREAS_OF_NEED, PHASE_TRANSFERS } from '../../child-record/vocabulary.js';

/**
 * Every need has one of the four broad areas of need (SEND Code of Practice 6.28); the census's type of need (SpLD,
 * MLD, ASD...) is recorded only where the person who identified the need gave it: the lists then give both, otherwise
 * the area alone, and the notes sheet says so.
 */
export const AREA_OF_NEED_WORDS: Record<(typeof AREAS_OF_NEED)[number], string> = {
  communication_and_interaction: 'Communication and interaction',
  cognition_and_learning: 'Cognition and learning',
  social_emotional_and_mental_health: 'Social, emotional and mental health',
  sensory_and_physical: 'Sensory and/or physical',
};

export const PHASE_TRANSFER_WORDS: Record<(typeof PHASE_TRANSFERS)[number], string> = {
  early_years_to_school: 'Early years to school',
  infant_to_junior: 'Infant to junior',
  primary_to_secondary: 'Primary to secondary',
  secondary_to_post16: 'Secondary to post-16',
  post16_to_post16: 'Post-16 to post-16',
};
