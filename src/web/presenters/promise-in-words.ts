import { daysBetween, englandDateOf, type IsoDate } from '../../domain/calendar/iso-date.js';
import type { PromiseKind } from '../../domain/child-record/plan-types.js';
import { isOpen as lineIsOpen } from '../../domain/child-record/provision-standing.js';
import type { ProvisionTerms } from '../../domain/child-record/state.js';
import type { PromiseVersion, PromiseView } from '../../../projections/promise-view.js';
import { longDate, ukDateTime } from './dates.js';
import { authorityInWords } from './entry-in-words.js';
import { legalForceInWords, legalForceTag } from './legal-force.js';
import { capitalised, frequencyInWords, groupInWords, minutesInWords, sessionsInWords } from './record-vocabulary.js';
import { personWithRole } from './roles.js';

/** A row of a GOV.UK summary list, in words. */
export interface Row {
  key: string;
  value: string;
}

const dayOf = (instant: string): IsoDate => (instant.length === 10 ? instant : englandDateOf(instant));

/** The order a family reads promises in: the strongest duty first. */
export const FORCE_ORDER: readonly PromiseKind[] = ['statutory_duty_la', 'duty_health_commissioner', 'social_care_duty', 'social_care_provision', 'school_commitment', 'no_duty'];

const isOpen = (view: PromiseView) => lineIsOpen(view.status);

/**
 * Whether the line is owed, and if not, since when and why: `text` says it all; `detail` is what a tag saying
 * `tag.text` needs beside it. `then`: for a reader who sees the record only up to a day in the past.
 */
export function statusInWords(view: PromiseView, seenUpTo: 'now' | 'then' = 'now'): { text: string; detail: string; tag: { text: string; colour: string } } {
  const on = view.stopped ? longDate(view.stopped.on) : '';
  const status = (tag: string, colour: string, detail: string) =>
    ({ text: `${tag}${detail.startsWith('on ') ? ' ' : ': '}${detail}`, detail, tag: { text: tag, colour } });
  switch (view.status) {
    case 'active':
      return status('Open', 'green', `${seenUpTo === 'now' ? 'owed now' : 'owed on the last day of the record you can see'}${view.setting?.name ? `, at ${view.setting.name}` : ''}`);
    case 'not_started':
      return status('Not started yet', 'blue', `it starts on ${longDate(view.terms.startDate)}`);
    case 'ended':
      return status('Ended', 'grey', `on ${on}, the end date it was promised until`);
    case 'withdrawn': {
      const why = view.history.findLast((v) => v.kind === 'withdrawn')?.reason;
      return status('Withdrawn', 'grey', `on ${on}${why ? `: ${why}` : ''}`);
    }
    case 'plan_ceased':
      return status('Ended', 'grey', `on ${on}, when the local authority stopped maintaining the EHC plan`);
    case 'not_taken_on':
      return status('Not taken on', 'orange', `ended on ${on}: the new school did not take it on at the handover`);
    default:
      return status('Not known', 'grey', String(view.status).replaceAll('_', ' '));
  }
}

/** "Specialist teacher, Camden Specialist Teaching Service. Qualification: Level 7 SpLD qualification with AMBDA". */
export const deliveredByInWords = (by: ProvisionTerms['deliveredBy']): string =>
  `${by.role}, ${by.organisation}${by.qualification ? `. Qualification: ${by.qualification}` : ''}`;

/** "2 sessions a week, 45 minutes each, in a group of 3". */
export const howOftenInWords = (terms: ProvisionTerms): string =>
  [frequencyInWords(terms.frequency), `${minutesInWords(terms.minutesPerSession)} each`, groupInWords(terms.groupSize)].filter(Boolean).join(', ');

/** "From 27 February 2023", "From 24 January 2022 until 1 April 2022". */
export const whenInWords = (terms: ProvisionTerms): string =>
  `From ${longDate(terms.startDate)}${terms.endDate ? ` until ${longDate(terms.endDate)}` : ''}`;

/** "Promised on 6 February 2023 by Sam Okafor (local authority SEN officer)". */
export const promisedInWords = (view: PromiseView): string => `Promised on ${longDate(view.promisedAt)} by ${personWithRole(view.promisedBy)}`;

/** Calendar days one session is expected to take (a term is a third of the 39-week school year). */
const PERIOD_DAYS: Record<string, number> = { day: 7 / 5, week: 7, fortnight: 14, month: 365.25 / 12, half_term: 273 / 6, term: 273 / 3, year: 365.25 };

/**
 * A line owed now with no delivery recorded for 4 weeks or more stands out. For a line due less often than
 * once a fortnight (monthly, termly, yearly) the 4 weeks count from when the next session was due, so a termly
 * review does not stand out between terms.
 */
export function deliveryGap(view: PromiseView, today: IsoDate): { days: number; text: string } | null {
  if (view.status !== 'active') return null;
  const lastDelivered = view.delivery.lastDeliveredOn ? dayOf(view.delivery.lastDeliveredOn) : null;
  const since = lastDelivered && lastDelivered > view.terms.startDate ? lastDelivered : view.terms.startDate;
  const days = daysBetween(since, today);
  const interval = (PERIOD_DAYS[view.terms.frequency.per] ?? 7) / view.terms.frequency.sessions;
  const threshold = interval <= 14 ? 28 : Math.ceil(interval) + 28;
  if (days < threshold) return null;
  const weeks = Math.floor(days / 7);
  return {
    days,
    text: lastDelivered ? `No delivery recorded for ${weeks} weeks` : `No delivery recorded in the ${weeks} weeks since it started`,
  };
}

/** "14 of 20 sessions so far" while it is owed; "24 of the 29 sessions owed" once it stopped. */
export function deliveredInWords(view: PromiseView): string {
  const { sessionsDelivered, sessionsExpectedSoFar } = view.delivery;
  return isOpen(view)
    ? `${sessionsDelivered} of ${sessionsInWords(sessionsExpectedSoFar)} so far`
    : `${sessionsDelivered} of the ${sessionsInWords(sessionsExpectedSoFar)} owed`;
}

/** "2 reports: 42 sessions missed", or "None reported". */
export function shortfallsInWords(view: PromiseView): string {
  const reports = view.delivery.shortfalls;
  if (reports.length === 0) return 'None reported';
  const missed = reports.reduce((sum, s) => sum + s.sessionsMissed, 0);
  return `${reports.length === 1 ? '1 report' : `${reports.length} reports`}: ${sessionsInWords(missed)} missed`;
}

/** The wording versions of a line: as promised, each variation, a withdrawal, and corrections of any of them. */
export function wordingVersions(view: PromiseView): PromiseVersion[] {
  const wording = new Set(view.history.filter((v) => v.kind === 'promised' || v.kind === 'varied' || v.kind === 'withdrawn').map((v) => v.eventId));
  return view.history.filter((v) => wording.has(v.eventId) || (v.supersedes !== null && wording.has(v.supersedes)));
}

export interface VersionInWords {
  eventId: string;
  heading: string;
  by: string;
  recorded: string;
  authority: string | null;
  reason: string | null;
  /** The terms in force after this version, each marked when it differs from the version before. */
  terms: Array<Row & { changed: boolean }>;
}

const TERM_LINES: Array<{ key: string; of: (t: ProvisionTerms) => string }> = [
  { key: 'What', of: (t) => t.description },
  { key: 'Who delivers it', of: (t) => deliveredByInWords(t.deliveredBy) },
  { key: 'How often', of: (t) => capitalised(frequencyInWords(t.frequency)) },
  { key: 'How long', of: (t) => `${capitalised(minutesInWords(t.minutesPerSession))} each` },
  { key: 'Group', of: (t) => (t.groupSize === undefined ? 'Not said' : capitalised(groupInWords(t.groupSize))) },
  { key: 'Starts', of: (t) => longDate(t.startDate) },
  { key: 'Ends', of: (t) => (t.endDate ? longDate(t.endDate) : 'No end date') },
];

/** Every version of the line's wording, side by side: who made it, when, on whose authority, why, and what changed. */
export function versionsInWords(view: PromiseView): VersionInWords[] {
  let previous: ProvisionTerms | null = null;
  let changes = 0;
  return wordingVersions(view).map((version) => {
    const heading =
      version.kind === 'promised' ? `As promised on ${longDate(version.occurredAt)}`
        : version.kind === 'varied' ? `Change ${++changes}, on ${longDate(version.occurredAt)}`
          : version.kind === 'withdrawn' ? `Withdrawn on ${longDate(version.occurredAt)}`
            : version.kind === 'retracted' ? `Retracted on ${longDate(version.occurredAt)}`
              : `Corrected on ${longDate(version.occurredAt)}`;
    const before = previous;
    previous = version.terms;
    return {
      eventId: version.eventId,
      heading,
      by: personWithRole(version.actor),
      recorded: ukDateTime(version.recordedAt),
      authority: version.authority ? authorityInWords(version.authority) : null,
      reason: version.reason,
      terms: TERM_LINES.map(({ key, of }) => ({ key, value: of(version.terms), changed: before !== null && of(before) !== of(version.terms) })),
    };
  });
}

const BASIS: Record<string, string> = {
  on_roll: 'While the child was on roll there',
  accepted_at_handover: 'Taken on at the handover',
  disputed_at_handover: 'Disputed at the handover: still owed, as the plan says',
  not_in_handover: 'Not listed in the handover',
};

/** Where the line was owed, setting by setting: the sessions expected and delivered in each part. */
export const settingPartsInWords = (view: PromiseView) =>
  view.delivery.settingParts.map((part) => ({
    setting: part.setting.name ?? 'Not recorded',
    from: longDate(part.from),
    to: longDate(part.to),
    basis: BASIS[part.basis] ?? capitalised(part.basis.replaceAll('_', ' ')),
    expected: part.sessionsExpected,
    delivered: part.sessionsDelivered,
  }));

/** The line's status over time: promised, started, each change, where it was owed, and when and why it stopped. */
export function statusHistory(view: PromiseView, today: IsoDate): Array<{ on: string; text: string }> {
  const events: Array<{ day: IsoDate; text: string }> = [{ day: dayOf(view.promisedAt), text: `${promisedInWords(view)}.` }];
  if (view.terms.startDate <= today) events.push({ day: view.terms.startDate, text: 'Started: owed from this day.' });
  else events.push({ day: view.terms.startDate, text: 'Starts on this day.' });
  for (const version of view.history) {
    if (version.kind === 'varied') events.push({ day: dayOf(version.occurredAt), text: `Changed by ${personWithRole(version.actor)}${version.reason ? `: ${version.reason}` : '.'}` });
    if (version.kind === 'corrected' || version.kind === 'retracted') {
      events.push({ day: dayOf(version.occurredAt), text: `An entry about it was ${version.kind} by ${personWithRole(version.actor)}${version.reason ? `: ${version.reason}` : '.'}` });
    }
  }
  view.delivery.settingParts.forEach((part, index) => {
    if (index === 0) return;
    events.push({ day: part.from, text: `Owed at ${part.setting.name ?? 'the new setting'} from this day. ${BASIS[part.basis] ?? ''}.` });
  });
  if (view.stopped) events.push({ day: view.stopped.on, text: `${statusInWords(view).text}.` });
  return events
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((e) => ({ on: longDate(e.day), text: e.text.replace(/\.\.$/, '.') }));
}

export interface PromiseGroup {
  kind: PromiseKind;
  heading: string;
  tag: { text: string; colour: string };
  dutyOn: string;
  source: string;
  lines: PromiseView[];
}

/** The lines grouped by legal force, strongest first; in each, lines still owed first, then by when promised. */
export function groupByLegalForce(views: readonly PromiseView[]): PromiseGroup[] {
  const groups = new Map<PromiseKind, PromiseGroup>();
  for (const view of views) {
    const kind = view.legalForce.kind;
    if (!groups.has(kind)) {
      groups.set(kind, { kind, heading: legalForceInWords(kind), tag: legalForceTag(kind), dutyOn: view.legalForce.dutyOn, source: view.legalForce.source, lines: [] });
    }
    groups.get(kind)!.lines.push(view);
  }
  for (const group of groups.values()) {
    group.lines.sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || a.promisedAt.localeCompare(b.promisedAt));
  }
  return [...groups.values()].sort((a, b) => FORCE_ORDER.indexOf(a.kind) - FORCE_ORDER.indexOf(b.kind));
}
