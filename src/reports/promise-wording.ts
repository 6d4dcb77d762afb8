import type { PromiseView } from '../../projections/promise-view.js';
import type { SettingPart } from '../domain/child-record/provision-standing.js';

/** How a line stands, in the words a family or a panel reads on paper (the status is provision-standing.ts's). */
export function standingWords(promise: PromiseView): string {
  const stop = promise.stopped?.on;
  switch (promise.status) {
    case 'active':
      return 'Owed';
    case 'not_started':
      return `Not started: starts ${promise.terms.startDate}`;
    case 'ended':
      return `Ended on ${stop}`;
    case 'withdrawn':
      return `Withdrawn on ${stop}`;
    case 'plan_ceased':
      return `Stopped when the plan ceased on ${stop}`;
    case 'not_taken_on':
      return `Owed until ${stop}: the school's own commitment, not taken on by the setting the child moved to`;
  }
}

const BASIS: Record<SettingPart['basis'], string> = {
  on_roll: '',
  accepted_at_handover: ', accepted at the handover',
  disputed_at_handover: ', disputed at the handover',
  not_in_handover: ', not listed in the handover',
};

/** One setting's part of a line: its own sessions, its days, and how the line came to it. */
export const settingPartWords = (part: SettingPart): string =>
  `${part.setting.name ?? 'unnamed setting'}: ${part.sessionsDelivered} of ${part.sessionsExpected}, ${part.from} to ${part.to}${BASIS[part.basis]}`;

/** Sessions delivered against sessions expected (with the days counted while the child stayed at one setting). */
export function totalWords(promise: PromiseView): string {
  const { sessionsDelivered, sessionsExpectedSoFar, settingParts } = promise.delivery;
  if (settingParts.length === 0) return `no sessions owed yet${sessionsDelivered > 0 ? `; ${sessionsDelivered} recorded as delivered` : ''}`;
  const total = `${sessionsDelivered} of ${sessionsExpectedSoFar} sessions expected so far recorded as delivered`;
  return settingParts.length === 1 ? `${total} (${settingParts[0]!.from} to ${settingParts[0]!.to})` : total;
}

/** The total and, once the child has moved, each setting's own part, on one line. */
export function deliveryWords(promise: PromiseView): string {
  const parts = promise.delivery.settingParts;
  return parts.length < 2 ? totalWords(promise) : `${totalWords(promise)}; ${parts.map(settingPartWords).join('; ')}`;
}
