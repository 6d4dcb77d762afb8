/**
 * A GOV.UK date input (day, month and year fields) read as the date the person typed. Nothing is fixed: 31 June
 * stays 2026-06-31, so the domain's one parser of dates refuses it and names the field, and nothing is recorded.
 * Only the form of the numbers changes (a one-digit day or month gains its leading zero).
 */

export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export interface DateInputValue {
  day: string;
  month: string;
  year: string;
  /** YYYY-MM-DD from the three fields as typed; undefined when all three are empty (the field was left out). */
  iso: string | undefined;
  /** The parts left empty, for a message that says which is missing. */
  missing: DatePart[];
}

const typed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const twoDigits = (value: string): string => (/^\d$/.test(value) ? `0${value}` : value);

/** The date typed into `<name>-day`, `<name>-month` and `<name>-year` of a submitted form. */
export function dateInputFrom(body: Record<string, unknown>, name: string): DateInputValue {
  const day = typed(body[`${name}-day`]);
  const month = typed(body[`${name}-month`]);
  const year = typed(body[`${name}-year`]);
  const missing = DATE_PARTS.filter((part) => ({ day, month, year })[part] === '');
  const iso = missing.length === 3 ? undefined : `${year}-${twoDigits(month)}-${twoDigits(day)}`;
  return { day, month, year, iso, missing };
}

/** An empty date input, or one showing a date already known (YYYY-MM-DD). */
export function dateInputOf(iso?: string): DateInputValue {
  if (!iso) return { day: '', month: '', year: '', iso: undefined, missing: [...DATE_PARTS] };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year, iso, missing: [] };
}

/**
 * The `items` of govukDateInput for a value, keeping what was typed. With an error, the parts it concerns are
 * marked (the missing ones, or all three when the date as a whole does not exist).
 */
export function dateInputItems(value: DateInputValue, hasError = false): Array<{ name: DatePart; label: string; classes: string; value: string }> {
  const marked = hasError ? (value.missing.length > 0 && value.missing.length < 3 ? value.missing : DATE_PARTS) : [];
  return DATE_PARTS.map((part) => ({
    name: part,
    label: part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year',
    classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${marked.includes(part) ? ' govuk-input--error' : ''}`,
    value: value[part],
  }));
}
