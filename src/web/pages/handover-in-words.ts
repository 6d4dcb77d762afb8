import type { ChildRecord } from '../../domain/child-record/state.js';
import { longDate } from '../presenters/dates.js';

type RecordedHandover = ChildRecord['handovers'][string];

export interface HandoverState {
  /** A sentence for the list: who signed and when, or what it waits on. */
  text: string;
  tag: { text: string; colour: string };
}

const promises = (n: number) => `${n} ${n === 1 ? 'promise' : 'promises'}`;

/**
 * Where a handover stands, in the words both schools read it in: waiting to be signed, or signed by whom and when.
 * A reader who sees the record only as it stood when their relationship ended (`capped`: the school the child left)
 * sees the signature of its own handover that ended it, but no later one, so an unsigned handover is not said to be
 * waiting for one.
 */
export function handoverStateInWords(handover: RecordedHandover, capped = false): HandoverState {
  const accepted = handover.accepted;
  if (!accepted && capped) {
    return {
      text: 'The child is no longer on your school\'s roll: you see the record as it stood when they left, and this handover had not been signed by then',
      tag: { text: 'Child has left', colour: 'grey' },
    };
  }
  if (!accepted) return { text: "The receiving school has not signed for it yet", tag: { text: 'Waiting for signature', colour: 'yellow' } };
  const signed = `Accepted on ${longDate(accepted.on)} by ${accepted.signatory.name} (${accepted.signatory.role})`;
  const disputed = accepted.disputedProvisions.length;
  if (disputed === 0) return { text: signed, tag: { text: 'Accepted', colour: 'green' } };
  return { text: `${signed}, with ${promises(disputed)} disputed`, tag: { text: 'Accepted with disputes', colour: 'orange' } };
}

/** The receiving setting as a school names it: its name, and its URN for anyone checking. */
export const settingInWords = (setting: { name: string | null; urn?: string | null | undefined }): string =>
  setting.name ? `${setting.name}${setting.urn ? ` (URN ${setting.urn})` : ''}` : setting.urn ? `The school with URN ${setting.urn}` : 'Not recorded';
