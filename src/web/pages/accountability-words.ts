import type { Proportion } from '../../domain/statutory-clocks/sen2-timeliness.js';
import type { SpecificityFlagCode } from '../../domain/provision-quality/specificity.js';

/** Each reason a provision line is flagged as not specific, in a caseworker's words (specificity.ts says what each checks). */
export const FLAG_REASONS: Record<SpecificityFlagCode, string> = {
  'generic-deliverer': 'Does not say who delivers it',
  'vague-qualification': 'Qualification named too vaguely',
  'therapy-qualification-missing': "Therapist's qualification not stated",
  'loose-therapy-frequency': 'Therapy counted per term or year',
  'group-size-missing': 'No group size',
  'vague-wording': 'Vague wording ("access to", "regular")',
  'discretionary-wording': 'Optional wording ("as required", "may")',
  'upper-bound-only': 'A ceiling, not an amount ("up to")',
};

export const flagReason = (code: string): string => FLAG_REASONS[code as SpecificityFlagCode] ?? 'Another reason';

/** "3 of 4 (75%)", or "None due" when there is nothing to count. */
export function proportionInWords({ count, outOf, percent }: Proportion, none = 'None to count'): string {
  return outOf === 0 || percent === null ? none : `${count} of ${outOf} (${percent}%)`;
}

/** The percentage alone, for a table cell: "75%", or "–" where there is nothing to count. */
export const percentInWords = ({ outOf, percent }: Proportion): string => (outOf === 0 || percent === null ? '–' : `${percent}%`);

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-03" as "March 2025". */
export const monthInWords = (month: string): string => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
