import { addDays, addMonths, daysBetween, englandDateOf, isIsoDate, type IsoDate } from '../src/domain/calendar/iso-date.js';
import { RuleViolation } from '../src/domain/errors.js';
import { SUPPRESSION_RULE, suppressible, type SuppressibleCount } from '../src/domain/statistics/disclosure-control.js';
import type { CHECK_FINDINGS, COMMENT_CHANNELS, COMMENT_TOPICS } from '../src/domain/local-offer/vocabulary.js';
import type { ListedService, PublishedResponse, ReceivedComment } from '../src/domain/local-offer/state.js';
import type { DocumentReader } from '../src/read-models/read-model-store.js';
import { COMMENTS, RESPONSES, SERVICES, laTag } from './local-offer-register.js';
import { PROVISIONS, type ProvisionHistory } from './promise-register.js';
import { viewFromRegister, type PromiseView } from './promise-view.js';

/**
 * Rules of the report, each with its source. Checking services is not a statutory timescale: CFA 2014
 * s.30(5) says only "keep under review"; a year matches the annual cycle of Regs 56 publication.
 */
export const RULES = {
  answeredWithinAYear: 'Every comment received more than 12 months before the end of the period has a response published by then (Regs 56: comments and the LA\'s responses are published at least annually; CFA 2014 s.30(6)).',
  publishedEachYear: 'Each full 12 months of the period, counted from its start, in which comments were received or still waiting, has at least one response published (Regs 56: at least annually).',
  checkedWithinAYear: 'A service still listed at the end of the period was checked in the 12 months before it (CFA 2014 s.30(5): keep the Local Offer under review).',
  promiseEvidenced: 'A service promised in children\'s provision in force during the period has at least one delivery recorded in the period (CFA 2014 s.42: the provision in a plan must be secured, and a delivery record is the evidence that it was).',
  childLevelRows: 'Provision lines are shown child by child only for children the reader relates to now (each such read is logged); the rest of the LA\'s children count in the service\'s figures only.',
  smallCountsSuppressed: SUPPRESSION_RULE,
} as const;
const CHECK_MONTHS = 12;
/** Regs 56: "at least annually". */
const YEAR_MONTHS = 12;

export interface Tally { count: number; sessions: number; minutes: number }
export interface PromiseInPeriod {
  provisionId: string; childId: string; section: string; status: string; promisedOn: IsoDate;
  deliveries: Tally; shortfalls: { count: number; sessionsMissed: number };
}
/** What a service did for all the LA's children in the period, each figure suppressed where it would disclose a child the reader may not see. */
export interface ServiceFigures {
  children: SuppressibleCount;
  linesPromised: SuppressibleCount;
  deliveries: SuppressibleCount;
  sessionsDelivered: SuppressibleCount;
  minutesDelivered: SuppressibleCount;
  shortfalls: SuppressibleCount;
  sessionsMissed: SuppressibleCount;
}
export interface ServiceAccountability {
  serviceId: string;
  /** Null for a service children were promised that this Local Offer never listed. */
  name: string | null;
  listedDuringPeriod: boolean;
  listedOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
  /** Lines child by child, for the children shown only (AccountabilityOptions.shownChildren). */
  promises: PromiseInPeriod[];
  figures: ServiceFigures;
  lastCheck: { checkId: string; on: IsoDate; finding: (typeof CHECK_FINDINGS)[number]; checkedBy: { name: string; role: string } } | null;
}
export interface CommentAccountability {
  commentId: string; receivedOn: IsoDate; topic: (typeof COMMENT_TOPICS)[number]; about: string | null; channel: (typeof COMMENT_CHANNELS)[number];
  status: 'answered' | 'awaiting'; responseId: string | null; respondedOn: IsoDate | null;
  /** Days from receipt to the response; null while awaiting. */
  daysToRespond: number | null;
  /** Days from receipt to `today` while awaiting; null once answered. */
  daysWaiting: number | null;
}
export interface YearOfPeriod { from: IsoDate; to: IsoDate; commentsWaiting: number; responsesPublished: number; met: boolean }
export interface LocalOfferAccountability {
  laCode: string; from: IsoDate; to: IsoDate; today: IsoDate;
  /** The rules the lists below apply, in words, with their sources. */
  rules: typeof RULES;
  services: ServiceAccountability[];
  promisedButNeverEvidenced: Array<{ serviceId: string; name: string | null; promises: SuppressibleCount; shortfallsReported: SuppressibleCount }>;
  unchecked: Array<{ serviceId: string; name: string; reason: 'never_checked' | 'not_checked_within_12_months'; lastCheckedOn: IsoDate | null }>;
  comments: CommentAccountability[];
  reg56: {
    met: boolean;
    answeredWithinAYear: { rule: string; met: boolean; unansweredCommentIds: string[] };
    publishedEachYear: { rule: string; met: boolean; years: YearOfPeriod[] };
  };
}

export interface AccountabilityOptions {
  /**
   * childId -> the child's LA. Without it a promise counts for a service by the service id alone: ids
   * are UUIDs the LA chose when listing, so only its own children's plans name them. With it, only this
   * LA's children count, and services they were promised that the Local Offer never listed are reported too.
   */
  childLaCodes?: ReadonlyMap<string, string>;
  /**
   * The children whose lines are shown child by child: those the reader relates to now. Everyone else's count
   * in the figures only, suppressed where small. None by default, so a caller that does not say shows no child.
   */
  shownChildren?: ReadonlySet<string>;
}

const day = englandDateOf;
const within = (d: IsoDate, from: IsoDate, to: IsoDate) => d >= from && d <= to;

/** Refuses a period that cannot be answered truthfully, naming the field. */
export function checkAccountabilityPeriod(from: string, to: string, today: string): void {
  for (const [field, value] of Object.entries({ from, to, today })) {
    if (!isIsoDate(value)) throw new RuleViolation('invalid-date', `${field} must be a date as YYYY-MM-DD`, field);
  }
  if (to < from) throw new RuleViolation('period-reversed', `the period ends (${to}) before it starts (${from})`, 'to');
}

/** How the Local Offer of one LA fared over a period [from, to] (inclusive), as known today. */
export async function localOfferAccountability(
  localOffer: DocumentReader, promises: DocumentReader, laCode: string, from: IsoDate, to: IsoDate, today: IsoDate, options: AccountabilityOptions = {},
): Promise<LocalOfferAccountability> {
  checkAccountabilityPeriod(from, to, today);
  const tag = laTag(laCode);
  const listed = await localOffer.list<ListedService>(SERVICES, tag);
  const comments = await localOffer.list<ReceivedComment>(COMMENTS, tag);
  const responses = await localOffer.list<PublishedResponse>(RESPONSES, tag);
  const promised = await promisesByService(promises, laCode, new Set(listed.map((s) => s.serviceId)), from, to, today, options);

  const ids = new Set([...listed.filter((s) => day(s.listed.on) <= to).map((s) => s.serviceId), ...promised.keys()]);
  const linesOf = (id: string) => promised.get(id) ?? [];
  const shown = options.shownChildren ?? new Set<string>();
  const services = [...ids]
    .map((id) => serviceReport(id, listed.find((s) => s.serviceId === id), linesOf(id), shown, from, to))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.serviceId.localeCompare(b.serviceId));
  const checkedSince = addMonths(to, -CHECK_MONTHS);
  return {
    laCode, from, to, today, rules: RULES,
    services,
    // Judged on every child's lines; the counts it gives are the service's figures, suppressed alike.
    promisedButNeverEvidenced: services
      .filter((s) => linesOf(s.serviceId).length > 0 && linesOf(s.serviceId).every((l) => l.deliveries.count === 0))
      .map((s) => ({ serviceId: s.serviceId, name: s.name, promises: s.figures.linesPromised, shortfallsReported: s.figures.shortfalls })),
    unchecked: services.flatMap((s) => {
      const stillListed = s.listedOn !== null && s.listedOn <= to && (s.withdrawnOn === null || s.withdrawnOn > to);
      if (!stillListed || (s.lastCheck && s.lastCheck.on >= checkedSince)) return [];
      const reason = s.lastCheck ? 'not_checked_within_12_months' as const : 'never_checked' as const;
      return [{ serviceId: s.serviceId, name: s.name!, reason, lastCheckedOn: s.lastCheck?.on ?? null }];
    }),
    comments: comments.filter((c) => openDuring(c, from, to)).map((c) => commentReport(c, today)).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn)),
    reg56: reg56(comments, responses, from, to),
  };
}

const answeredBy = (c: ReceivedComment, by: IsoDate) => c.answered !== undefined && day(c.answered.on) <= by;
/** Received by the end of the window, and received in it or still waiting for a response when it began. */
function openDuring(c: ReceivedComment, start: IsoDate, end: IsoDate): boolean {
  const received = day(c.received.on);
  return received <= end && (received >= start || !answeredBy(c, addDays(start, -1)));
}

/** Provision lines whose terms in force name a Local Offer service and were in force during the period. */
async function promisesByService(
  register: DocumentReader, laCode: string, serviceIds: Set<string>, from: IsoDate, to: IsoDate, today: IsoDate, options: AccountabilityOptions,
): Promise<Map<string, PromiseInPeriod[]>> {
  const byService = new Map<string, PromiseInPeriod[]>();
  // Cheap pre-filter: a line that never mentioned a service is not folded.
  const histories = (await register.list<ProvisionHistory>(PROVISIONS)).filter((h) => JSON.stringify(h.events).includes('"localOfferServiceId"'));
  for (const history of histories) {
    if (options.childLaCodes && options.childLaCodes.get(history.childId) !== laCode) continue;
    // The same view as every other answer about a line (its plan, its type, where the child was on roll).
    const view = await viewFromRegister(register, history, null, new Date(`${today}T12:00:00Z`));
    const serviceId = view?.terms.localOfferServiceId;
    if (!view || serviceId === undefined || (!options.childLaCodes && !serviceIds.has(serviceId))) continue;
    if (!inForce(view, view.stopped?.on, from, to)) continue;
    byService.set(serviceId, [...(byService.get(serviceId) ?? []), promiseReport(view, from, to)]);
  }
  return byService;
}

/** Promised by the end of the period, started by then, and not ended, withdrawn or ceased before it began. */
const inForce = (view: PromiseView, stoppedOn: IsoDate | undefined, from: IsoDate, to: IsoDate) =>
  day(view.promisedAt) <= to && view.terms.startDate <= to && (view.terms.endDate ?? to) >= from && (stoppedOn ?? to) >= from;

function promiseReport(view: PromiseView, from: IsoDate, to: IsoDate): PromiseInPeriod {
  const delivered = view.delivery.deliveries.filter((d) => within(day(d.on), from, to));
  const short = view.delivery.shortfalls.filter((s) => s.periodFrom <= to && s.periodTo >= from);
  return {
    provisionId: view.provisionId, childId: view.childId, section: view.section, status: view.status, promisedOn: day(view.promisedAt),
    deliveries: { count: delivered.length, sessions: sum(delivered.map((d) => d.sessions)), minutes: sum(delivered.map((d) => d.minutes)) },
    shortfalls: { count: short.length, sessionsMissed: sum(short.map((s) => s.sessionsMissed)) },
  };
}

function serviceReport(
  serviceId: string, service: ListedService | undefined, lines: PromiseInPeriod[], shown: ReadonlySet<string>, from: IsoDate, to: IsoDate,
): ServiceAccountability {
  const listedOn = service ? day(service.listed.on) : null;
  const withdrawnOn = service?.withdrawn ? day(service.withdrawn.on) : null;
  const last = service?.checks.filter((c) => day(c.on) <= to).sort((a, b) => a.on.localeCompare(b.on)).at(-1);
  return {
    serviceId, name: service?.terms.name ?? null,
    listedDuringPeriod: listedOn !== null && listedOn <= to && (withdrawnOn === null || withdrawnOn >= from),
    listedOn, withdrawnOn,
    promises: lines.filter((l) => shown.has(l.childId)),
    figures: figuresOf(lines, shown),
    lastCheck: last ? { checkId: last.checkId, on: day(last.on), finding: last.finding, checkedBy: last.checkedBy } : null,
  };
}

/** Each figure over every line, judged on the part from children not shown (see `suppressible`). */
function figuresOf(lines: PromiseInPeriod[], shown: ReadonlySet<string>): ServiceFigures {
  const unseen = lines.filter((l) => !shown.has(l.childId));
  const unseenChildren = new Set(unseen.map((l) => l.childId)).size;
  const figure = (measure: (of: PromiseInPeriod[]) => number) => suppressible(measure(lines), measure(unseen), unseenChildren);
  const total = (value: (line: PromiseInPeriod) => number) => figure((of) => sum(of.map(value)));
  return {
    children: figure((of) => new Set(of.map((l) => l.childId)).size),
    linesPromised: figure((of) => of.length),
    deliveries: total((l) => l.deliveries.count),
    sessionsDelivered: total((l) => l.deliveries.sessions),
    minutesDelivered: total((l) => l.deliveries.minutes),
    shortfalls: total((l) => l.shortfalls.count),
    sessionsMissed: total((l) => l.shortfalls.sessionsMissed),
  };
}

function commentReport(c: ReceivedComment, today: IsoDate): CommentAccountability {
  const receivedOn = day(c.received.on);
  const respondedOn = c.answered ? day(c.answered.on) : null;
  return {
    commentId: c.commentId, receivedOn, topic: c.topic, about: c.about ?? null, channel: c.channel,
    status: respondedOn ? 'answered' : 'awaiting', responseId: c.answered?.responseId ?? null, respondedOn,
    daysToRespond: respondedOn ? daysBetween(receivedOn, respondedOn) : null,
    daysWaiting: respondedOn ? null : Math.max(0, daysBetween(receivedOn, today)),
  };
}

function reg56(comments: ReceivedComment[], responses: PublishedResponse[], from: IsoDate, to: IsoDate): LocalOfferAccountability['reg56'] {
  const yearBeforeEnd = addMonths(to, -YEAR_MONTHS);
  const unanswered = comments.filter((c) => day(c.received.on) < yearBeforeEnd && !answeredBy(c, to)).map((c) => c.commentId);
  const years: YearOfPeriod[] = [];
  for (let k = 0; addMonths(from, YEAR_MONTHS * (k + 1)) <= addDays(to, 1); k++) {
    const start = addMonths(from, YEAR_MONTHS * k);
    const end = addDays(addMonths(from, YEAR_MONTHS * (k + 1)), -1);
    const waiting = comments.filter((c) => openDuring(c, start, end)).length;
    const published = responses.filter((r) => within(day(r.published.on), start, end)).length;
    years.push({ from: start, to: end, commentsWaiting: waiting, responsesPublished: published, met: waiting === 0 || published > 0 });
  }
  const answeredWithinAYear = { rule: RULES.answeredWithinAYear, met: unanswered.length === 0, unansweredCommentIds: unanswered };
  const publishedEachYear = { rule: RULES.publishedEachYear, met: years.every((y) => y.met), years };
  return { met: answeredWithinAYear.met && publishedEachYear.met, answeredWithinAYear, publishedEachYear };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
