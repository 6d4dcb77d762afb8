import { CEASE_REASONS, REVIEW_DECISIONS } from '../../child-record/vocabulary.js';

/**
 * The codes the return writes. Where a code list came from public code that reads real SEN2 returns it says so;
 * where no source we could reach gave the DfE's list, the value is the project's own, said plainly, and must be
 * checked against the DfE's guide before a return is submitted through COLLECT.
 */

/**
 * CeaseReason 1-9, in the order of item 4.6 of the DfE's person-level guide as MastodonC/witan.sen2
 * (src/witan/sen2/return/person_level/dictionary.clj) records it: the same order as CEASE_REASONS.
 */
export const CEASE_REASON_CODES: Record<(typeof CEASE_REASONS)[number], string> = Object.fromEntries(
  CEASE_REASONS.map((reason, i) => [reason, String(i + 1)]),
) as Record<(typeof CEASE_REASONS)[number], string>;

/** The project's own codes (no public source gave the DfE's list): check against the guide before submission. */
export const REQUEST_OUTCOME_CODES = { assess: 'assess', not_assess: 'not_assess' } as const;
export const ASSESSMENT_OUTCOME_CODES = { issue: 'issue', not_issue: 'not_issue' } as const;
export const REVIEW_OUTCOME_CODES: Record<(typeof REVIEW_DECISIONS)[number], string> = { maintain: 'maintain', amend: 'amend', cease: 'cease' };

/**
 * Why a person has no UPN or ULN in the return (the spec's UPNunknown item). The ledger knows two reasons only:
 * none was recorded, or the LA recorded a decision not to disclose it. The project's own codes: the DfE's code
 * list (UN1...) was not available to us; map these to it before submission.
 */
export const UPN_UNKNOWN_CODES = { not_recorded: 'not_recorded', withheld: 'withheld' } as const;
export type UpnUnknownReason = keyof typeof UPN_UNKNOWN_CODES;
