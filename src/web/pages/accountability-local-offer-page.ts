import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { localOfferAccountabilityFor } from '../../application/local-offer-accountability.js';
import { addDays, addMonths, englandDateOf } from '../../domain/calendar/iso-date.js';
import type { SuppressibleCount } from '../../domain/statistics/disclosure-control.js';
import { localOfferResponsesChart } from '../charts/local-offer-responses-chart.js';
import { longDate } from '../presenters/dates.js';
import { readerOf, renderPage } from './page.js';

/** The periods a report can cover, in whole years back from today: Regs 56 asks for publication at least once a year. */
const PERIOD_YEARS = [1, 2, 3, 5] as const;
const DEFAULT_YEARS = 3;

const TOPICS: Record<string, string> = {
  content: 'What the Local Offer says',
  quality: 'The quality of a service',
  gaps: 'Gaps in what is offered',
  accessibility: 'How accessible the Local Offer is',
  development: 'How the Local Offer is developed',
};
const CHANNELS: Record<string, string> = {
  direct: 'Sent in by its author',
  online_form: 'Online form',
  email: 'Email',
  phone: 'Phone',
  letter: 'Letter',
  meeting_or_event: 'Meeting or event',
  survey: 'Survey',
  parent_carer_forum: 'Parent carer forum',
  other: 'Another way',
};
const FINDINGS: Record<string, string> = {
  available_as_described: 'Available as described',
  available_with_changes: 'Available, with changes',
  not_available: 'Not available',
  could_not_verify: 'Could not be checked',
};

/** A figure, or "Fewer than 5" where showing it could identify a child the reader does not relate to. */
const figure = (count: SuppressibleCount): string => (count.suppressed || count.value === null ? 'Fewer than 5 (not shown)' : String(count.value));
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * Local Offer accountability for the officer's LA over the last few years: services children were promised with no
 * delivery ever recorded, services never checked or not checked within a year, comments from families and whether
 * the LA answered them, and whether regulation 56 (publish the comments and the LA's response at least once a year)
 * was met. The application layer decides which children's lines the officer may see; this page lists figures only.
 */
export async function localOfferPage(services: LedgerServices, request: FastifyRequest<{ Querystring: { years?: string } }>, reply: FastifyReply) {
  const reader = readerOf(request);
  const today = englandDateOf(services.clock().toISOString());
  const asked = Number(request.query.years);
  const years = (PERIOD_YEARS as readonly number[]).includes(asked) ? asked : DEFAULT_YEARS;
  const from = addDays(addMonths(today, -12 * years), 1);
  const report = await localOfferAccountabilityFor(services, reader, reader.actor.organisation, from, today);
  const serviceName = new Map(report.services.map((s) => [s.serviceId, s.name]));
  const nameOf = (serviceId: string | null) => (serviceId === null ? null : (serviceName.get(serviceId) ?? 'A service the Local Offer does not list'));
  const waiting = report.comments.filter((c) => c.status === 'awaiting');
  const periodYears = report.reg56.publishedEachYear.years;
  const chart = periodYears.length
    ? await localOfferResponsesChart(periodYears.map((y) => ({ label: `To ${longDate(y.to)}`, waiting: y.commentsWaiting, published: y.responsesPublished })))
    : null;
  return renderPage(request, reply, 'accountability-local-offer.njk', {
    pageTitle: 'Local Offer accountability',
    section: 'accountability',
    tab: 'local-offer',
    from,
    to: today,
    periodItems: PERIOD_YEARS.map((y) => ({ value: String(y), text: y === 1 ? 'The last 12 months' : `The last ${y} years`, selected: y === years })),
    rules: report.rules,
    chart,
    reg56: {
      met: report.reg56.met,
      answeredWithinAYear: report.reg56.answeredWithinAYear.met,
      publishedEachYear: report.reg56.publishedEachYear.met,
      years: periodYears.map((y) => ({
        label: `To ${longDate(y.to)}`,
        period: `${longDate(y.from)} to ${longDate(y.to)}`,
        waiting: y.commentsWaiting,
        published: y.responsesPublished,
        met: y.met,
      })),
    },
    neverEvidenced: report.promisedButNeverEvidenced.map((s) => ({
      name: s.name ?? 'A service the Local Offer does not list',
      promises: figure(s.promises),
      shortfalls: figure(s.shortfallsReported),
    })),
    unchecked: report.unchecked.map((s) => ({
      name: s.name,
      why: s.reason === 'never_checked' ? 'Never checked' : 'Not checked in the last 12 months',
      lastChecked: s.lastCheckedOn ? longDate(s.lastCheckedOn) : 'Never',
    })),
    comments: report.comments.map((c) => ({
      received: longDate(c.receivedOn),
      topic: TOPICS[c.topic] ?? 'Another topic',
      about: nameOf(c.about) ?? 'The Local Offer as a whole',
      channel: CHANNELS[c.channel] ?? 'Another way',
      answered: c.status === 'answered',
      status:
        c.status === 'answered'
          ? `Response published ${longDate(c.respondedOn)}, after ${days(c.daysToRespond ?? 0)}`
          : `Waiting ${days(c.daysWaiting ?? 0)} for a response`,
    })),
    waitingCount: waiting.length,
    services: report.services.map((s) => ({
      name: s.name ?? 'A service the Local Offer does not list',
      listed: s.listedOn ? `Listed ${longDate(s.listedOn)}${s.withdrawnOn ? `, withdrawn ${longDate(s.withdrawnOn)}` : ''}` : 'Never listed',
      lastCheck: s.lastCheck ? `${longDate(s.lastCheck.on)}: ${FINDINGS[s.lastCheck.finding] ?? 'Checked'} (${s.lastCheck.checkedBy.name}, ${s.lastCheck.checkedBy.role})` : 'Never checked',
      children: figure(s.figures.children),
      lines: figure(s.figures.linesPromised),
      sessions: figure(s.figures.sessionsDelivered),
      shortfalls: figure(s.figures.shortfalls),
    })),
  });
}
