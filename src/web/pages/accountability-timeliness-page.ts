import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { timelinessOf, type TimelinessOf } from '../../application/timeliness-of.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { plansWithin20WeeksChart } from '../charts/plans-within-20-weeks-chart.js';
import { monthInWords, percentInWords, proportionInWords } from './accountability-words.js';
import { readerOf, renderPage } from './page.js';

/** The first year SEN2 counts under the 2014 Act and Regulations (in force 1 September 2014). */
const FIRST_YEAR = 2014;

/** Each year's figure as the page lists it: what it counts, under which rule, the figure and what it is out of. */
function figuresOf(t: TimelinessOf) {
  const { year } = t;
  const withoutExceptions = t.plansIssued - t.exceptionCases;
  return [
    {
      what: 'Requests for an EHC needs assessment received',
      rule: 'Counted on the day each request was received',
      figure: String(t.requestsReceived),
      outOf: `Every request received in ${year}`,
    },
    {
      what: 'Decisions whether to assess made within 6 weeks',
      rule: 'SEND Regulations 2014 regulation 5(1); a regulation 5(4) exception moves the date',
      figure: proportionInWords(t.decisionsWithin6Weeks, 'No decisions made'),
      outOf: `${t.decisionsMade} ${t.decisionsMade === 1 ? 'decision' : 'decisions'} made in ${year}`,
    },
    {
      what: 'EHC plans issued within 20 weeks, exception cases included',
      rule: 'SEND Regulations 2014 regulation 13(2): the final plan within 20 weeks of the request',
      figure: proportionInWords(t.plansWithin20WeeksIncludingExceptionCases, 'No plans issued'),
      outOf: `${t.plansIssued} EHC ${t.plansIssued === 1 ? 'plan' : 'plans'} issued in ${year}`,
    },
    {
      what: 'EHC plans issued within 20 weeks, exception cases left out',
      rule: 'SEND Regulations 2014 regulation 13(2), leaving out plans where a regulation 10(4) exception applied (or the 2020 coronavirus rules)',
      figure: proportionInWords(t.plansWithin20WeeksExcludingExceptionCases, 'No plans issued without an exception'),
      outOf: `${withoutExceptions} EHC ${withoutExceptions === 1 ? 'plan' : 'plans'} issued in ${year} with no exception (${t.exceptionCases} exception ${t.exceptionCases === 1 ? 'case' : 'cases'} left out)`,
    },
    {
      what: 'Annual reviews held on time',
      rule: 'Children and Families Act 2014 section 44(1): within 12 months of the plan or the last review (regulation 15(5) after a move between local authorities)',
      figure: proportionInWords(t.reviewsOnTime, 'No reviews due'),
      outOf: `${t.reviewsDue} ${t.reviewsDue === 1 ? 'review' : 'reviews'} due in ${year} that ${t.reviewsDue === 1 ? 'was' : 'were'} held or missed`,
    },
    {
      what: 'Plans reviewed and amended by the phase transfer deadline',
      rule: 'SEND Regulations 2014 regulation 18(1): by 15 February, or 31 March for a move into post-16 education',
      figure: proportionInWords(t.phaseTransfersAmendedByDeadline, 'No phase transfers due'),
      outOf: `${t.phaseTransfersDue} phase ${t.phaseTransfersDue === 1 ? 'transfer' : 'transfers'} due in ${year}`,
    },
    {
      // Not a SEN2 figure: shown beside them because an order is a duty in law with its own time limits.
      what: 'Tribunal orders complied with on time',
      rule:
        'SEND Regulations 2014 regulation 44 (what the tribunal ordered, after a hearing or by consent) and regulation 45 (appeals the local authority did not oppose): ' +
        'each time limit counts once, in the year it fell due; a limit not yet due, or one that no longer applied, is not counted. Not part of SEN2',
      figure: proportionInWords(t.tribunalOrdersCompliedOnTime, 'No time limits due'),
      outOf: `${t.tribunalOrdersDue} time ${t.tribunalOrdersDue === 1 ? 'limit' : 'limits'} of tribunal orders and unopposed appeals due in ${year} that ${t.tribunalOrdersDue === 1 ? 'was' : 'were'} met or missed`,
    },
  ];
}

/** The year the page was asked for, or the last whole year: SEN2 reports calendar years, and a year not over is not yet a figure. */
function yearAsked(query: { year?: string }, thisYear: number): number {
  const asked = Number(query.year);
  return Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear - 1;
}

/**
 * Timeliness: SEN2's figures for the officer's LA and one calendar year, each saying what it counts, the rule that
 * sets the time limit and what it is out of; then EHC plans issued within 20 weeks month by month, as a chart and
 * as a table with the same figures. The year is chosen with a plain GET form.
 */
export async function timelinessPage(services: LedgerServices, request: FastifyRequest<{ Querystring: { year?: string } }>, reply: FastifyReply) {
  const reader = readerOf(request);
  const today = englandDateOf(services.clock().toISOString());
  const thisYear = Number(today.slice(0, 4));
  const year = yearAsked(request.query, thisYear);
  const t = await timelinessOf(services, reader, reader.actor.organisation, year, today);
  const years = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push({ value: String(y), text: y === thisYear ? `${y} (so far)` : String(y), selected: y === year });
  return renderPage(request, reply, 'accountability-timeliness.njk', {
    pageTitle: `Timeliness in ${year}`,
    section: 'accountability',
    tab: 'timeliness',
    year,
    thisYear: year === thisYear,
    today,
    years,
    figures: figuresOf(t),
    chart: await plansWithin20WeeksChart(t.months, year),
    months: t.months.map((m) => ({
      month: monthInWords(m.month),
      plansIssued: m.plansIssued,
      exceptionCases: m.exceptionCases,
      including: proportionInWords(m.plansWithin20WeeksIncludingExceptionCases, '–'),
      excluding: proportionInWords(m.plansWithin20WeeksExcludingExceptionCases, '–'),
      includingPercent: percentInWords(m.plansWithin20WeeksIncludingExceptionCases),
      decisions: proportionInWords(m.decisionsWithin6Weeks, '–'),
      reviews: proportionInWords(m.reviewsOnTime, '–'),
    })),
  });
}
