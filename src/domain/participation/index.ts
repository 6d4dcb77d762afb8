/** Participation (CFA 2014 s.19): who holds the rights on a date, and whether each decision was taken with the family. */
export {
  endOfCompulsorySchoolAge, lastFridayOfJune, rightsHolderDetail, rightsHolderOn, rightsPassOn,
  type CapacityAssessment, type RightsHolderAnswer,
} from './rights-holder.js';
export {
  DECISION_TYPES, participationFindings, participationFindingsAsKnownAt, summariseParticipation,
  type DecisionType, type Flag, type FlagCode, type ParticipationFinding, type ParticipationSummary, type ViewsEvidence,
} from './findings.js';
