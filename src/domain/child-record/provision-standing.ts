import { addDays, englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import { expectedSessionsBetween, type FrequencySegment } from './expected-sessions.js';
import type { ChildRecord, ProvisionLine, SettingOnRoll } from './state.js';

/**
 * What a provision line is on a date. One rule, read by every view of a line (the child record, the promise
 * register and its groups, the handover pack, the PDFs) and by the decider when a handover lists what is open.
 */
export const PROVISION_STATUSES = ['active', 'not_started', 'ended', 'withdrawn', 'plan_ceased', 'not_taken_on'] as const;
export type ProvisionStatus = (typeof PROVISION_STATUSES)[number];
export type StopReason = Exclude<ProvisionStatus, 'active' | 'not_started'>;

/** Still owed: started or yet to start, and not stopped. What a handover passes on. */
export const isOpen = (status: ProvisionStatus): boolean => status === 'active' || status === 'not_started';

/**
 * How the line came to be owed at a setting: it was made (or began) while the child was on roll there, or it
 * was carried over by the accepted handover that moved the child there, which accepted it, disputed it, or did
 * not list it (made after the handover was issued, or not open at its cut).
 */
export type SettingPartBasis = 'on_roll' | 'accepted_at_handover' | 'disputed_at_handover' | 'not_in_handover';

/** The part of a line owed while the child was on roll at one setting: its own sessions expected and delivered. */
export interface SettingPart {
  setting: { urn: string | null; name: string | null };
  basis: SettingPartBasis;
  /** First and last day counted here (inclusive): the later of the line's start and the child's arrival, to the earliest of the date asked, the line's stop and the child's leaving. */
  from: IsoDate;
  to: IsoDate;
  sessionsExpected: number;
  sessionsDelivered: number;
  minutesDelivered: number;
}

export interface ProvisionStanding {
  status: ProvisionStatus;
  /** The last day the line was owed, and why it stopped; null while it is owed. */
  stopped: { on: IsoDate; because: StopReason } | null;
  /** The sum of the parts: sessions owed from the start to the date asked, or to the stop. */
  sessionsExpectedSoFar: number;
  parts: SettingPart[];
}

/** What about the rest of the record decides a line's standing. */
export interface LineContext {
  /** The day the line's plan was ceased (CFA 2014 s.45), if it was. */
  planCeasedOn: IsoDate | null;
  /** Where the child was on roll, oldest first (registration, then each accepted handover). */
  settings: readonly SettingOnRoll[];
  handovers: ChildRecord['handovers'];
}

/** When stops fall on one day, the decision that stopped the line names it, before the date it ran to. */
const STOP_ORDER: readonly StopReason[] = ['withdrawn', 'plan_ceased', 'not_taken_on', 'ended'];

/**
 * A line's status on a day, when and why it stopped, and the sessions owed so far, split by the setting the
 * child was on roll at. A line stops at the earliest of: its end date, its withdrawal, its plan's cessation, and,
 * for a school's own SEN support commitment, the accepted handover that moved the child to a setting that did not
 * accept it (`not_taken_on`). A plan's provision (sections F to H2) is the LA's or a commissioner's duty, not the
 * school's: it continues at the receiving setting whatever that setting answered (a dispute is shown, not obeyed).
 */
export function provisionStanding(line: ProvisionLine, context: LineContext, on: IsoDate): ProvisionStanding {
  const promisedOn = englandDateOf(line.promised.on);
  const moves = context.settings.slice(1).filter((move) => move.from <= on);
  const carried = (move: Stay) => promisedOn < move.from || Boolean(move.handoverId && context.handovers[move.handoverId]?.openProvisionIds.includes(line.provisionId));
  const answerAt = (move: Stay): SettingPartBasis => {
    const accepted = move.handoverId ? context.handovers[move.handoverId]?.accepted : undefined;
    if (accepted?.acceptedProvisionIds.includes(line.provisionId)) return 'accepted_at_handover';
    if (accepted?.disputedProvisions.some((d) => d.provisionId === line.provisionId)) return 'disputed_at_handover';
    return 'not_in_handover';
  };

  const stops: Array<{ on: IsoDate; because: StopReason }> = [];
  if (line.withdrawn && englandDateOf(line.withdrawn.on) <= on) stops.push({ on: englandDateOf(line.withdrawn.on), because: 'withdrawn' });
  if (context.planCeasedOn !== null && context.planCeasedOn <= on) stops.push({ on: context.planCeasedOn, because: 'plan_ceased' });
  if (line.endDate !== undefined && line.endDate < on) stops.push({ on: line.endDate, because: 'ended' });
  if (line.planId === undefined) {
    const left = moves.find((move) => carried(move) && answerAt(move) !== 'accepted_at_handover');
    if (left) stops.push({ on: addDays(left.from, -1), because: 'not_taken_on' });
  }
  const stopped = stops.sort((a, b) => a.on.localeCompare(b.on) || STOP_ORDER.indexOf(a.because) - STOP_ORDER.indexOf(b.because))[0] ?? null;
  const status: ProvisionStatus = stopped ? stopped.because : line.startDate > on ? 'not_started' : 'active';

  const last = stopped && stopped.on < on ? stopped.on : on;
  const parts = partsOf(line, context.settings, line.startDate, last, (setting, index) =>
    index === 0 || !carried(setting) ? 'on_roll' : answerAt(setting),
  );
  return { status, stopped, sessionsExpectedSoFar: parts.reduce((sum, part) => sum + part.sessionsExpected, 0), parts };
}

type Stay = Pick<SettingOnRoll, 'urn' | 'name' | 'from' | 'handoverId'>;

/** The line's owed days [from, to] cut where the child moved setting, each part with what was expected and delivered in it. */
function partsOf(
  line: ProvisionLine,
  settings: readonly Stay[],
  from: IsoDate,
  to: IsoDate,
  basisOf: (setting: Stay, index: number) => SettingPartBasis,
): SettingPart[] {
  if (from > to) return [];
  const segments = frequencySegments(line);
  const stays: readonly Stay[] = settings.length > 0 ? settings : [{ urn: null, name: null, from, handoverId: null }];
  const parts: SettingPart[] = [];
  stays.forEach((stay, index) => {
    const leaves = stays[index + 1] ? addDays(stays[index + 1]!.from, -1) : to;
    const first = index === 0 || stay.from < from ? from : stay.from;
    const lastDay = leaves < to ? leaves : to;
    if (first > lastDay) return;
    parts.push({
      setting: { urn: stay.urn, name: stay.name },
      basis: basisOf(stay, index),
      from: first,
      to: lastDay,
      sessionsExpected: expectedSessionsBetween(segments, first, lastDay),
      sessionsDelivered: 0,
      minutesDelivered: 0,
    });
  });
  // A delivery counts for the part it fell in; one outside every part (dated after the line stopped) for the nearest before it.
  for (const delivery of line.deliveryLog) {
    const part = parts.findLast((p) => p.from <= delivery.on) ?? parts[0];
    if (!part) continue;
    part.sessionsDelivered += delivery.sessions;
    part.minutesDelivered += delivery.minutes;
  }
  return parts;
}

/**
 * The frequencies in force, from the line's start: the first applies from the start date whatever it was when
 * promised, and a variation made before the start applies from the start.
 */
export function frequencySegments(line: Pick<ProvisionLine, 'startDate' | 'frequencies'>): FrequencySegment[] {
  return line.frequencies
    .map((f, i) => ({ from: i === 0 || f.from < line.startDate ? line.startDate : f.from, frequency: f.frequency }))
    .sort((a, b) => a.from.localeCompare(b.from));
}

/** The standing of a line of this record: its plan's cessation and the child's settings come from the record. */
export function standingInRecord(record: ChildRecord, line: ProvisionLine, on: IsoDate): ProvisionStanding {
  const ceased = line.planId === undefined ? undefined : record.plans[line.planId]?.ceased;
  return provisionStanding(line, { planCeasedOn: ceased ? englandDateOf(ceased.on) : null, settings: record.settingHistory, handovers: record.handovers }, on);
}

/** The lines still owed on a day: what a handover cut on that day must list, no more and no fewer. */
export const openProvisionIdsOn = (record: ChildRecord, on: IsoDate): string[] =>
  Object.values(record.provisions)
    .filter((line) => isOpen(standingInRecord(record, line, on).status))
    .map((line) => line.provisionId)
    .sort();
