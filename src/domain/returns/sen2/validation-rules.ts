import type { IsoDate } from '../../calendar/iso-date.js';
import { ulnProblem } from '../../identifiers/uln.js';
import { upnProblem } from '../../identifiers/upn.js';
import type { Sen2Person, Sen2Request, Sen2Return } from './return-model.js';

/**
 * The validation rules of the SEN2 person-level guide that the ledger can check, and those it cannot.
 *
 * The DfE's guide and its numbered validation rules were not reachable from here: the rules below are written from
 * what the guide's items mean (as MastodonC/witan.sen2 and the project's domain reference describe them) and from the
 * law; their ids are the project's (SEN2-...), not the DfE's rule numbers. COLLECT runs the DfE's own rules on upload.
 *
 * CHECKED by the ledger (each on the return's own items, before export):
 *   SEN2-P1 UPN check letter · SEN2-P2 ULN check digit · SEN2-P3 a UPN, a ULN or the reason neither is given ·
 *   SEN2-P4 born before each request · SEN2-R1 request decided on or after it was received ·
 *   SEN2-A1 assessment outcome on or after the request's outcome · SEN2-A2 Week20 only for a plan issued after 20 weeks ·
 *   SEN2-A3 Week20 only where a plan was issued · SEN2-N1 a new plan's start date within the collection year ·
 *   SEN2-N2 plan start on or after the request · SEN2-N3 cease date on or after the start, with its reason ·
 *   SEN2-AP1 an active plan started by the census date and not ceased · SEN2-AP2 placement leaving date on or after entry ·
 *   SEN2-AP3 every active plan has a placement with a URN · SEN2-AP4 last review between the plan's start and the census date ·
 *   SEN2-D1 no date after the census date.
 * NOT CHECKED (listed in NOT_CHECKED with why): a person returned by another LA too; URNs against Get Information about
 * Schools (open, and of a type SEN2 expects); the setting type against the URN; every item the ledger does not hold
 * (NOT_HELD: legal name, sex, ethnicity, postcode, request source, RYA, residential and work-based settings, personal
 * budgets, UKPRN, SEN unit and resourced provision indicators, SEN type and rank, the draft amended plan date).
 */

export type Sen2Module = 'Person' | 'Requests' | 'Assessment' | 'NamedPlan' | 'ActivePlans' | 'Return';

export interface Sen2RuleFailure {
  ruleId: string;
  /** What is wrong, in plain English, about this item. */
  message: string;
  childId: string | null;
  eventIds: string[];
}

export interface Sen2CheckedRule {
  id: string;
  module: Sen2Module;
  /** The rule, in plain English. */
  message: string;
  checked: true;
  check(sen2: Sen2Return): Sen2RuleFailure[];
}

export interface Sen2UncheckedRule {
  id: string;
  module: Sen2Module;
  message: string;
  checked: false;
  /** Why the ledger cannot check it. */
  why: string;
}

export type Sen2Rule = Sen2CheckedRule | Sen2UncheckedRule;

type PerRequest = (person: Sen2Person, request: Sen2Request, referenceDate: IsoDate) => Array<{ message: string; eventIds: string[] }>;

const perPerson =
  (id: string, test: (person: Sen2Person, referenceDate: IsoDate) => Array<{ message: string; eventIds: string[] }>) =>
  (sen2: Sen2Return): Sen2RuleFailure[] =>
    sen2.persons.flatMap((person) => test(person, sen2.period.referenceDate).map((f) => ({ ruleId: id, childId: person.childId, ...f })));

const perRequest = (id: string, test: PerRequest) =>
  perPerson(id, (person, referenceDate) => person.requests.flatMap((request) => test(person, request, referenceDate)));

const rule = (id: string, module: Sen2Module, message: string, check: (id: string) => (sen2: Sen2Return) => Sen2RuleFailure[]): Sen2CheckedRule => ({
  id,
  module,
  message,
  checked: true,
  check: check(id),
});

/** Every date an item gives, with the entries behind it: for the rule that none is after the census date. */
function datesOf(request: Sen2Request): Array<{ what: string; date: IsoDate; eventIds: string[] }> {
  const dates: Array<{ what: string; date: IsoDate | undefined; eventIds: string[] }> = [
    { what: 'the request was received', date: request.receivedDate, eventIds: request.sources },
    { what: 'the request was decided', date: request.outcome?.date, eventIds: request.outcome?.sources ?? [] },
    { what: 'the assessment ended', date: request.assessment?.outcome?.date, eventIds: request.assessment?.outcome?.sources ?? [] },
    { what: 'the plan started', date: request.assessment?.namedPlan?.startDate, eventIds: request.assessment?.namedPlan?.sources ?? [] },
    { what: 'the plan ceased', date: request.assessment?.namedPlan?.ceased?.date, eventIds: request.assessment?.namedPlan?.ceased?.sources ?? [] },
    { what: 'the last review meeting', date: request.activePlan?.lastReview?.meetingDate, eventIds: request.activePlan?.lastReview?.sources ?? [] },
    ...(request.activePlan?.placements ?? []).flatMap((p) => [
      { what: 'a placement began', date: p.entryDate, eventIds: p.sources },
      { what: 'a placement ended', date: p.leavingDate, eventIds: p.sources },
    ]),
  ];
  return dates.filter((d): d is { what: string; date: IsoDate; eventIds: string[] } => d.date !== undefined);
}

export const SEN2_CHECKED_RULES: readonly Sen2CheckedRule[] = [
  rule('SEN2-P1', 'Person', 'A UPN must be 13 characters with a check letter that matches the rest.', (id) =>
    perPerson(id, (person) => {
      const problem = person.upn === undefined ? null : upnProblem(person.upn);
      return problem ? [{ message: `The UPN is not valid: ${problem}.`, eventIds: person.sources }] : [];
    })),
  rule('SEN2-P2', 'Person', 'A ULN must be 10 digits with a check digit that matches the rest.', (id) =>
    perPerson(id, (person) => {
      const problem = person.uln === undefined ? null : ulnProblem(person.uln);
      return problem ? [{ message: `The ULN is not valid: ${problem}.`, eventIds: person.sources }] : [];
    })),
  rule('SEN2-P3', 'Person', 'Each person has a UPN, a ULN, or the reason neither is given (UPN unknown), and not a reason beside a UPN.', (id) =>
    perPerson(id, (person) => {
      const identified = person.upn !== undefined || person.uln !== undefined;
      if (!identified && person.upnUnknown === undefined) return [{ message: 'There is no UPN, no ULN and no reason why.', eventIds: person.sources }];
      if (identified && person.upnUnknown !== undefined) return [{ message: 'A reason for an unknown UPN is given beside a UPN or ULN.', eventIds: person.sources }];
      return [];
    })),
  rule('SEN2-P4', 'Person', 'A person is born before any request for an assessment is received.', (id) =>
    perRequest(id, (person, request) =>
      request.receivedDate !== undefined && request.receivedDate < person.birthDate
        ? [{ message: `A request was received on ${request.receivedDate}, before the date of birth ${person.birthDate}.`, eventIds: [...person.sources, ...request.sources] }]
        : [],
    )),
  rule('SEN2-R1', 'Requests', 'A request is decided on or after the day it was received.', (id) =>
    perRequest(id, (_person, request) =>
      request.outcome && request.receivedDate !== undefined && request.outcome.date < request.receivedDate
        ? [{ message: `The request received on ${request.receivedDate} was decided on ${request.outcome.date}, before it was received.`, eventIds: request.outcome.sources }]
        : [],
    )),
  rule('SEN2-A1', 'Assessment', "An assessment ends on or after the day the request was decided, and on or after the day it was received.", (id) =>
    perRequest(id, (_person, request) => {
      const ended = request.assessment?.outcome;
      if (!ended) return [];
      const before = [request.outcome?.date, request.receivedDate].filter((d): d is IsoDate => d !== undefined).find((d) => ended.date < d);
      return before ? [{ message: `The assessment ended on ${ended.date}, before ${before}.`, eventIds: [...request.sources, ...ended.sources] }] : [];
    })),
  rule('SEN2-A2', 'Assessment', 'The 20-week exception flag (Week20) is set only for a plan issued after its 20 weeks, where an exception applied.', (id) =>
    perRequest(id, (_person, request) => {
      const weeks = request.assessment?.twentyWeeks;
      if (!weeks?.week20) return [];
      if (weeks.within) return [{ message: `Week20 is set for a plan issued on ${weeks.issuedOn}, within its 20 weeks (due ${weeks.dueDate}).`, eventIds: weeks.sources }];
      if (!weeks.exceptionApplied) return [{ message: 'Week20 is set but no exception was recorded for the request.', eventIds: weeks.sources }];
      return [];
    })),
  rule('SEN2-A3', 'Assessment', 'The 20-week exception flag (Week20) is set only where an EHC plan was issued.', (id) =>
    perRequest(id, (_person, request) => {
      const assessment = request.assessment;
      return assessment?.twentyWeeks?.week20 && assessment.outcome?.decision !== 'issue'
        ? [{ message: 'Week20 is set for an assessment that did not end in an EHC plan.', eventIds: assessment.twentyWeeks.sources }]
        : [];
    })),
  rule('SEN2-N1', 'NamedPlan', 'A plan returned as new starts within the collection year.', (id) => (sen2) =>
    perRequest(id, (_person, request) => {
      const plan = request.assessment?.namedPlan;
      return plan?.newInYear && (plan.startDate < sen2.period.from || plan.startDate > sen2.period.to)
        ? [{ message: `A plan returned as new in ${sen2.period.year} started on ${plan.startDate}.`, eventIds: plan.sources }]
        : [];
    })(sen2)),
  rule('SEN2-N2', 'NamedPlan', 'A plan starts on or after the day the request for its assessment was received.', (id) =>
    perRequest(id, (_person, request) => {
      const plan = request.assessment?.namedPlan;
      return plan && request.receivedDate !== undefined && plan.startDate < request.receivedDate
        ? [{ message: `The plan started on ${plan.startDate}, before the request was received on ${request.receivedDate}.`, eventIds: [...request.sources, ...plan.sources] }]
        : [];
    })),
  rule('SEN2-N3', 'NamedPlan', 'A plan ceases on or after the day it started, and a cease date comes with its reason.', (id) =>
    perRequest(id, (_person, request) => {
      const plan = request.assessment?.namedPlan;
      if (!plan?.ceased) return [];
      const failures = [];
      if (plan.ceased.date < plan.startDate) failures.push({ message: `The plan ceased on ${plan.ceased.date}, before it started on ${plan.startDate}.`, eventIds: plan.sources });
      if (!plan.ceased.reason) failures.push({ message: 'The plan has a cease date and no reason.', eventIds: plan.ceased.sources });
      return failures;
    })),
  rule('SEN2-AP1', 'ActivePlans', 'An active plan started on or before the census date.', (id) =>
    perRequest(id, (_person, request, referenceDate) => {
      const plan = request.activePlan;
      return plan && plan.startDate > referenceDate ? [{ message: `An active plan started on ${plan.startDate}, after the census date ${referenceDate}.`, eventIds: plan.sources }] : [];
    })),
  rule('SEN2-AP2', 'ActivePlans', 'A placement ends on or after the day it began.', (id) =>
    perRequest(id, (_person, request) =>
      (request.activePlan?.placements ?? [])
        .filter((p) => p.leavingDate !== undefined && p.leavingDate < p.entryDate)
        .map((p) => ({ message: `A placement began on ${p.entryDate} and ended on ${p.leavingDate}, before it began.`, eventIds: p.sources })),
    )),
  // The guide lets a placement be named by its URN, its UKPRN or a setting type (SENsetting); the ledger holds only URNs.
  rule('SEN2-AP3', 'ActivePlans', 'Every active plan has a placement that names the establishment by its URN.', (id) =>
    perRequest(id, (_person, request) =>
      request.activePlan && !request.activePlan.placements.some((p) => p.urn !== undefined)
        ? [{ message: 'An active plan has no placement with a URN: no school or setting with a URN is recorded for the child.', eventIds: request.activePlan.sources }]
        : [],
    )),
  rule('SEN2-AP4', 'ActivePlans', "An active plan's last review meeting is on or after the plan started and on or before the census date.", (id) =>
    perRequest(id, (_person, request, referenceDate) => {
      const plan = request.activePlan;
      const review = plan?.lastReview;
      if (!plan || !review) return [];
      return review.meetingDate < plan.startDate || review.meetingDate > referenceDate
        ? [{ message: `The last review meeting, ${review.meetingDate}, is outside the plan's time (from ${plan.startDate} to the census date ${referenceDate}).`, eventIds: review.sources }]
        : [];
    })),
  rule('SEN2-D1', 'Return', 'No date in the return is after the census date.', (id) =>
    perRequest(id, (_person, request, referenceDate) =>
      datesOf(request)
        .filter((d) => d.date > referenceDate)
        .map((d) => ({ message: `The day ${d.what}, ${d.date}, is after the census date ${referenceDate}.`, eventIds: d.eventIds })),
    )),
];

/** Items of the return the ledger does not hold: left out (the project's schema lets them be), for the LA to add. */
export const NOT_HELD: ReadonlyArray<{ item: string; module: Sen2Module; words: string }> = [
  { item: 'Surname, Forename', module: 'Person', words: 'The legal name: the ledger holds a display name or pseudonym only.' },
  { item: 'Sex', module: 'Person', words: 'Not recorded in the ledger.' },
  { item: 'Ethnicity', module: 'Person', words: 'Not recorded in the ledger.' },
  { item: 'PostCode', module: 'Person', words: 'No address is recorded in the ledger.' },
  { item: 'RequestSource', module: 'Requests', words: "Who asked is recorded, but the guide's code list for it was not available to the project." },
  { item: 'RYA', module: 'Requests', words: 'Whether the request came while the child was in relevant youth accommodation is not recorded.' },
  { item: 'PlanRes, PlanWBP, RES, WBP', module: 'NamedPlan', words: 'Residential and work-based learning settings are not recorded.' },
  { item: 'PB, OA, DP', module: 'NamedPlan', words: 'Personal budgets (section J) are not recorded.' },
  { item: 'UKPRN, SENsetting, SENunitIndicator, ResourcedProvisionIndicator', module: 'ActivePlans', words: 'Only the setting\'s name and URN are recorded.' },
  { item: 'SENtype, SENtypeRank (SENneed), for needs with no type recorded', module: 'ActivePlans', words: 'Every need has its broad area of need (Code of Practice 6.28); its SEN2 type is given only where whoever identified the need recorded it (senType).' },
  { item: 'ReviewDraft', module: 'ActivePlans', words: 'The date a draft amended plan was sent after a review is not recorded as such.' },
];

export const SEN2_UNCHECKED_RULES: readonly Sen2UncheckedRule[] = [
  { id: 'SEN2-X1', module: 'Person', checked: false, message: 'A person is not returned by another local authority as well.', why: 'Only COLLECT sees every local authority\'s return.' },
  { id: 'SEN2-X2', module: 'ActivePlans', checked: false, message: 'Each URN is an open establishment of a type SEN2 expects.', why: 'Needs Get Information about Schools, which the ledger does not hold.' },
  { id: 'SEN2-X3', module: 'ActivePlans', checked: false, message: 'A SEN unit or resourced provision is indicated only where the establishment has one.', why: 'Needs Get Information about Schools, and the indicators are not recorded.' },
  { id: 'SEN2-X4', module: 'Person', checked: false, message: 'Sex, ethnicity and postcode are valid codes.', why: 'Not held (see the items not held).' },
  { id: 'SEN2-X5', module: 'ActivePlans', checked: false, message: 'Each active plan has a primary SEN type, ranked 1.', why: 'A need\'s SEN2 type is recorded only where it was given: a plan whose needs have only a broad area is returned without SENneed, not refused.' },
];

export const SEN2_RULES: readonly Sen2Rule[] = [...SEN2_CHECKED_RULES, ...SEN2_UNCHECKED_RULES];

/** Run every rule the ledger can check: the failures, each naming its rule, the child and the entries behind it. */
export const checkSen2Rules = (sen2: Sen2Return): Sen2RuleFailure[] => SEN2_CHECKED_RULES.flatMap((r) => r.check(sen2));
