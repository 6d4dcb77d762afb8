import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { sen2ReturnOf, type Sen2ReturnOf } from '../../application/sen2-return-of.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { censusDateOf } from '../../domain/returns/sen2/census-date.js';
import type { Sen2Figure, Sen2ProportionFigure, Sen2Totals } from '../../domain/returns/sen2/totals.js';
import { longDate } from '../presenters/dates.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** Person-level SEN2 began with the January 2023 census. */
const FIRST_RETURN_YEAR = 2023;

type YearQuery = { Querystring: { year?: string } };

/** The return years that can be made: from the first person-level census to the last census date already past. */
function returnYears(today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  const last = today >= censusDateOf(thisYear) ? thisYear : thisYear - 1;
  const years = [];
  for (let y = last; y >= FIRST_RETURN_YEAR; y--) years.push(y);
  return years;
}

const yearAsked = (query: { year?: string }, years: number[]) => {
  const asked = Number(query.year);
  return years.includes(asked) ? asked : years[0]!;
};

/** What each figure counts, in words, in the order the page lists them. */
const FIGURES: ReadonlyArray<{ key: keyof Sen2Totals; what: string }> = [
  { key: 'requestsReceived', what: 'Requests for an EHC needs assessment received' },
  { key: 'decisionsMade', what: 'Decisions whether to assess made' },
  { key: 'decisionsWithin6Weeks', what: 'Decisions whether to assess made within 6 weeks' },
  { key: 'assessmentsCompleted', what: 'Assessments completed: a plan issued, or a decision not to issue one' },
  { key: 'plansIssued', what: 'New EHC plans issued' },
  { key: 'plansWithin20WeeksIncludingExceptionCases', what: 'New EHC plans issued within 20 weeks, exception cases included' },
  { key: 'plansWithin20WeeksExcludingExceptionCases', what: 'New EHC plans issued within 20 weeks, exception cases left out' },
  { key: 'exceptionCases', what: 'Exception cases: a regulation 10(4) exception applied during the 20 weeks' },
  { key: 'week20Flags', what: 'Plans issued after 20 weeks where an exception applied (the 20-week exception flag in the file)' },
  { key: 'plansCeased', what: 'EHC plans ceased' },
  { key: 'activePlans', what: 'EHC plans active on the census date' },
  { key: 'reviewsDue', what: 'Annual reviews due, held or missed' },
  { key: 'reviewsOnTime', what: 'Annual reviews held on time' },
  { key: 'phaseTransfersDue', what: 'Phase transfers due, plan amended or not' },
  { key: 'phaseTransfersAmendedByDeadline', what: 'Phase transfers with the plan amended by the deadline' },
];

const isProportion = (value: Sen2Figure | Sen2ProportionFigure): value is Sen2ProportionFigure => 'outOf' in value;
const countOf = (value: Sen2Figure | Sen2ProportionFigure) => (isProportion(value) ? value.count : value);

function figureRows(answer: Sen2ReturnOf) {
  const year = answer.period.returnYear;
  return FIGURES.map(({ key, what }) => {
    const value = answer.totals[key];
    // A proportion links to what it is out of, each marked in the count or not: "0 of 3" still shows the 3.
    const listed = isProportion(value) ? value.outOf : value;
    return {
      what,
      figure: isProportion(value) ? `${value.count.count} of ${value.outOf.count}` : String(value.count),
      href: listed.count > 0 ? `/accountability/sen2/figures/${key}?year=${year}` : null,
    };
  });
}

const fileName = (answer: Sen2ReturnOf) => `sen2-${answer.laCode}-${answer.period.returnYear}${answer.validation.valid ? '' : '-does-not-pass'}.xml`;

/**
 * The SEN2 return for an LA officer and their own LA: the year, whether the file passes the schema and the rules the
 * ledger checks (and which rules those are), the totals each one click from the children and entries behind it, and
 * the file. A return that does not pass is still given (the LA may correct it in COLLECT), but the page says so
 * plainly, lists every failure and the file's name says it too.
 */
export function registerSen2Pages(app: FastifyInstance, services: LedgerServices): void {
  const laOnly =
    <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<FastifyReply>) =>
    (request: R, reply: FastifyReply) =>
      request.actor?.role === 'la_officer' ? handler(request, reply) : pageNotFound(request, reply);
  const returnAsked = async (request: FastifyRequest<YearQuery>) => {
    const years = returnYears(englandDateOf(services.clock().toISOString()));
    const reader = readerOf(request);
    return { years, answer: await sen2ReturnOf(services, reader, reader.actor.organisation, yearAsked(request.query, years)) };
  };

  app.get<YearQuery>('/accountability/sen2', laOnly(async (request, reply) => {
    const { years, answer } = await returnAsked(request);
    if (!answer) return pageNotFound(request, reply);
    const year = answer.period.returnYear;
    return renderPage(request, reply, 'sen2.njk', {
      pageTitle: `SEN2 return ${year}`,
      section: 'accountability',
      tab: 'sen2',
      year,
      collectionYear: answer.period.year,
      referenceDate: answer.period.referenceDate,
      years: years.map((y) => ({ value: String(y), text: `${y} (census ${longDate(censusDateOf(y))})`, selected: y === year })),
      persons: answer.sen2.persons.length,
      valid: answer.validation.valid,
      schemaErrors: answer.validation.schemaErrors,
      ruleFailures: answer.validation.ruleFailures.map((failure) => ({
        ...failure,
        // The rules speak in ISO dates (they are read by the API too); the page gives them in words.
        message: failure.message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => longDate(date)),
        childName: answer.sen2.persons.find((p) => p.childId === failure.childId)?.displayName ?? null,
      })),
      checkedRules: answer.rules.filter((rule) => rule.checked),
      uncheckedRules: answer.rules.filter((rule) => !rule.checked),
      notHeld: answer.notHeld,
      figures: figureRows(answer),
      download: { href: `/accountability/sen2.xml?year=${year}`, name: fileName(answer) },
    });
  }));

  app.get<YearQuery & { Params: { figure: string } }>('/accountability/sen2/figures/:figure', laOnly(async (request, reply) => {
    const described = FIGURES.find((f) => f.key === request.params.figure);
    if (!described) return pageNotFound(request, reply);
    const { answer } = await returnAsked(request);
    if (!answer) return pageNotFound(request, reply);
    const value = answer.totals[described.key];
    const listed = isProportion(value) ? value.outOf : value;
    const inCount = new Set(countOf(value).items.map((item) => `${item.childId} ${item.eventIds[0]}`));
    const names = new Map(answer.sen2.persons.map((p) => [p.childId, p.displayName]));
    return renderPage(request, reply, 'sen2-figure.njk', {
      pageTitle: `${described.what}: SEN2 return ${answer.period.returnYear}`,
      section: 'accountability',
      backLink: { href: `/accountability/sen2?year=${answer.period.returnYear}`, text: `SEN2 return ${answer.period.returnYear}` },
      what: described.what,
      year: answer.period.returnYear,
      collectionYear: answer.period.year,
      count: countOf(value).count,
      outOf: isProportion(value) ? value.outOf.count : null,
      items: listed.items.map((item) => ({
        counted: inCount.has(`${item.childId} ${item.eventIds[0]}`),
        childName: names.get(item.childId) ?? 'A child',
        childHref: `/children/${item.childId}`,
        what: item.what,
        on: item.on,
        due: item.due ?? null,
        entryHref: `/children/${item.childId}/entries/${item.eventIds[0]}`,
        entries: item.eventIds.length,
      })),
    });
  }));

  app.get<YearQuery>('/accountability/sen2.xml', laOnly(async (request, reply) => {
    const { answer } = await returnAsked(request);
    if (!answer) return pageNotFound(request, reply);
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(answer)}"`)
      .send(answer.xml);
  }));
}
