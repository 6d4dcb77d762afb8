import type { IsoDate } from '../../calendar/iso-date.js';

/**
 * One cell of an Annex A list as the ledger can fill it. The writers (spreadsheet, CSV, page) decide how each kind
 * looks; what it is stays here, so a date is a date in every format and "not held" is never mistaken for "none".
 */
export type AnnexACell =
  | { kind: 'text'; text: string }
  | { kind: 'date'; date: IsoDate }
  | { kind: 'number'; value: number }
  | { kind: 'yes_no'; yes: boolean }
  /** The ledger holds it, and a recorded decision says it is not to be disclosed: the value never leaves. */
  | { kind: 'withheld' }
  /** A column the ledger keeps nothing for (see NOT_HELD in columns.ts). */
  | { kind: 'not_held' }
  /** The ledger would hold it, and for this child nothing is recorded (no review yet, no phase transfer named). */
  | { kind: 'none'; text: string };

export const text = (value: string): AnnexACell => ({ kind: 'text', text: value });
export const date = (value: IsoDate): AnnexACell => ({ kind: 'date', date: value });
export const number = (value: number): AnnexACell => ({ kind: 'number', value });
export const yesNo = (yes: boolean): AnnexACell => ({ kind: 'yes_no', yes });
export const none = (why: string): AnnexACell => ({ kind: 'none', text: why });
export const WITHHELD: AnnexACell = { kind: 'withheld' };
export const NOT_HELD: AnnexACell = { kind: 'not_held' };

/** What a cell says in words wherever it is shown as text (a CSV field, a page). */
export const NOT_HELD_WORDS = 'Not held in SEND Ledger';
export const WITHHELD_WORDS = 'Withheld (a recorded decision not to disclose it)';
