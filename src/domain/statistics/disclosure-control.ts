/**
 * Figures about children given to someone who may not read those children's records, under the disclosure
 * control of official statistics (DfE's releases mark such a cell "c"; GSS guidance on statistical disclosure
 * control): a count from 1 to 4 is suppressed, and so is a figure drawn from 1 to 4 children, since the
 * sessions delivered to two children tell about those two whatever the number.
 */
export const FEWEST_PUBLISHED = 5;

export const SUPPRESSION_RULE =
  'A figure about children whose rows this answer does not show is given only when their part of it is 0, or at least 5 and drawn from at least 5 children; ' +
  'otherwise it is suppressed (value null, suppressed true), and so is the whole figure it is part of, so that it cannot be worked out by subtracting the rows shown ' +
  '(official statistics\' disclosure control: DfE suppresses counts below 5, shown as "c"; GSS guidance on primary and secondary suppression).';

/** A count as this answer may give it: the number, or suppressed (never shown as 0, which is a true zero). */
export interface SuppressibleCount {
  value: number | null;
  suppressed: boolean;
}

const SUPPRESSED: SuppressibleCount = { value: null, suppressed: true };

/**
 * A total of which `unseen` comes from `unseenChildren` children the reader does not see child by child.
 * Judged on the unseen part, not the total: a reader who sees some rows could otherwise subtract them from a
 * total and recover a suppressed count (secondary suppression); a part the reader sees in full hides nothing.
 */
export function suppressible(total: number, unseen: number, unseenChildren: number): SuppressibleCount {
  const disclosive = unseen > 0 && (unseen < FEWEST_PUBLISHED || unseenChildren < FEWEST_PUBLISHED);
  return disclosive ? SUPPRESSED : { value: total, suppressed: false };
}
