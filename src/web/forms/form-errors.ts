import { BadInput } from '../../application/bad-input.js';
import { NotFound, NotPermitted, RuleViolation } from '../../domain/errors.js';
import type { ErrorSummaryItem } from '../pages/page.js';
import { longDate } from '../presenters/dates.js';
import type { DateInputValue } from './date-input.js';

/**
 * A refusal from the application layer, as a form shows it: a GOV.UK error summary linking to each field, and
 * the message next to the field. The domain decides what is wrong (the form checks nothing itself); this only
 * says it in the words of the form, naming the field as the page labels it.
 */

/** How a form field is named and reached, keyed in a FormFields map by its request path ("input.expiresOn"). */
export interface FormField {
  /** The field's id on the page: its error message is shown there. */
  id: string;
  /** The field as a message names it, in sentence case: "Expiry date", "The organisation's name". */
  label: string;
  kind?: 'text' | 'choice' | 'choices' | 'date';
  /** For a date input: what was typed, to say which part is missing and to link to it. */
  date?: DateInputValue;
  /** Messages for the situations: left empty, not a real value, too long; and for a domain rule by its id. */
  messages?: { missing?: string; invalid?: string; tooLong?: string; rules?: Record<string, string> };
}

export type FormFields = Record<string, FormField>;

export type FormRefusal =
  /** The child is not there for this person (no relationship, or no such child): the page answers "not found". */
  | { kind: 'not_found' }
  | { kind: 'refused'; errorSummary: ErrorSummaryItem[]; errors: Record<string, string> };

/**
 * The form's answer to a refusal, or null when the error is not a refusal (then it is the service's problem and
 * is rethrown). `sent` is what the page sent as the request (`{ input, options }`): a field absent or empty there
 * was left empty on the form. `fallbackHref` is where a refusal about no one field links (the first field).
 */
export function formRefusal(error: unknown, fields: FormFields, sent: Record<string, unknown>, fallbackHref: string): FormRefusal | null {
  if (error instanceof NotFound) return { kind: 'not_found' };
  const issues: Array<{ path: string | undefined; message: string; rule?: string }> = [];
  if (error instanceof BadInput) {
    for (const issue of error.issues) issues.push({ path: requestPath(issue.field), message: issue.message });
  } else if (error instanceof RuleViolation) {
    issues.push({ path: error.field ? requestPath(error.field) : undefined, message: error.message, rule: error.rule });
  } else if (error instanceof NotPermitted) {
    issues.push({ path: undefined, message: error.message });
  } else {
    return null;
  }

  const errorSummary: ErrorSummaryItem[] = [];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const found = issue.path === undefined ? undefined : fieldAt(fields, issue.path);
    if (!found) {
      errorSummary.push({ text: inWords(issue.message), href: fallbackHref });
      continue;
    }
    const [path, field] = found;
    if (errors[field.id] !== undefined) continue; // one message per field: the first
    const text = messageFor(field, issue, valueAt(sent, path));
    errors[field.id] = text;
    errorSummary.push({ text, href: `#${hrefOf(field)}` });
  }
  return { kind: 'refused', errorSummary, errors };
}

/** The domain names fields of the entry (`expiresOn`); the application's input paths say where (`input.expiresOn`). */
function requestPath(field: string): string {
  if (field === 'occurredAt') return 'options.occurredAt';
  if (/^(input|options|childId)(\.|$)/.test(field)) return field;
  return `input.${field}`;
}

/** The field a path names: the field itself, or the nearest enclosing one ("input.scope.0" is "input.scope"). */
function fieldAt(fields: FormFields, path: string): [string, FormField] | undefined {
  for (let at = path; at.length > 0; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
    const field = fields[at];
    if (field) return [at, field];
  }
  return undefined;
}

function valueAt(sent: Record<string, unknown>, path: string): unknown {
  let value: unknown = sent;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

function hrefOf(field: FormField): string {
  if (field.kind !== 'date') return field.id;
  const missing = field.date?.missing ?? [];
  return `${field.id}-${missing.length > 0 && missing.length < 3 ? missing[0] : 'day'}`;
}

function messageFor(field: FormField, issue: { message: string; rule?: string }, value: unknown): string {
  const { messages = {} } = field;
  if (issue.rule && messages.rules?.[issue.rule]) return messages.rules[issue.rule]!;
  const name = field.label.charAt(0).toLowerCase() + field.label.slice(1);
  if (field.kind === 'date') {
    const missing = field.date?.missing ?? [];
    if (missing.length === 3 || (field.date === undefined && isEmpty(value))) return messages.missing ?? `Enter ${name}`;
    if (missing.length > 0) return `${field.label} must include a ${missing.join(' and a ')}`;
    if (!issue.rule || issue.rule === 'occurred-at-invalid') return messages.invalid ?? `${field.label} must be a real date`;
    return inWords(issue.message);
  }
  if (isEmpty(value)) return messages.missing ?? (field.kind === 'choice' || field.kind === 'choices' ? `Select ${name}` : `Enter ${name}`);
  const tooLong = /must be at most (\d+) characters/.exec(issue.message);
  if (tooLong) return messages.tooLong ?? `${field.label} must be ${tooLong[1]} characters or fewer`;
  if (issue.rule === undefined && (field.kind === 'choice' || field.kind === 'choices')) return messages.invalid ?? `Select ${name}`;
  if (issue.rule === undefined && messages.invalid) return messages.invalid;
  return inWords(issue.message);
}

const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;
const UUID = /\s*(?:with id |id )?\(?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b\)?/gi;

/** A domain message as a sentence on a page: a capital letter, dates as "2 March 2026", no ids. */
export function inWords(message: string): string {
  const words = message.replace(ISO_DATE, (date) => (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : longDate(date))).replace(UUID, '').replace(/\bthe LA\b/g, 'the local authority').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
