import { ukDate } from '../../domain/calendar/uk-dates.js';
import { tribunalOrdersOf, type TribunalOrderStanding } from '../../domain/appeal/tribunal-orders.js';
import type { Appeal, ChildRecord } from '../../domain/child-record/state.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { appealableDecision } from '../../web/presenters/record-vocabulary.js';
import type { Block } from './bundle-content.js';
import { personInWords } from './people-and-places.js';
import type { RecordReading } from './record-reading.js';
import { ORDER_HOW_WORDS, orderClockInWords, orderStandingInWords, orderWhat } from './tribunal-order-words.js';

/**
 * An appeal from registration to its end as the record holds it: what is appealed, mediation, the LA's response, the
 * tribunal's directions and hearing, its decision, and each thing ordered or conceded with its time limits, judged on
 * the day the bundle was compiled. The recommendations on health and social care and their answers follow.
 */

const DIRECTION_WORDS: Record<Appeal['directions'][number]['direction'], string> = {
  la_response: "The local authority's response",
  evidence: 'Evidence',
  working_document: 'The working document',
  attendance: 'Attendance at the hearing',
  other: 'Other direction',
};

const PARTY_WORDS: Record<NonNullable<Appeal['directions'][number]['party']>, string> = {
  parent_carer: 'the parent or carer',
  young_person: 'the young person',
  local_authority: 'the local authority',
};

const DECISION_WORDS: Record<NonNullable<Appeal['decision']>['outcome'], string> = {
  dismissed: 'dismissed the appeal',
  allowed: 'allowed the appeal',
  allowed_in_part: 'allowed the appeal in part',
};

const RECOMMENDATION_SECTION_WORDS: Record<string, string> = {
  C: 'section C (health needs)',
  D: 'section D (social care needs)',
  G: 'section G (health provision)',
  H1: 'section H1 (social care provision under the Chronically Sick and Disabled Persons Act 1970)',
  H2: 'section H2 (other social care provision)',
};

const sectionsInWords = (sections: readonly string[] | undefined) =>
  sections?.length ? `, sections ${sections.join(sections.length > 2 ? ', ' : ' and ')}` : '';

/** Every order and concession of the record, read once for the bundle. */
export const ordersOf = (reading: RecordReading): TribunalOrderStanding[] => tribunalOrdersOf(reading.record, reading.clocks);

/** The blocks that follow an appeal's registration in section A. */
export function appealProgressBlocks(reading: RecordReading, appeal: Appeal, orders: readonly TribunalOrderStanding[]): Block[] {
  const { record, settings, compiledOn } = reading;
  const blocks: Block[] = [];
  const facts: string[][] = [
    ['Tribunal reference', appeal.tribunalReference ?? 'Not recorded'],
    ['What is appealed', `${capital(appealableDecision(appeal.against))}${sectionsInWords(appeal.sections)}`],
    ['Registered', `${ukDate(appeal.on)}, recorded by ${personInWords(appeal.actor, settings)}`],
  ];
  const notOpposed = appeal.outcomes.find((o) => o.how === 'not_opposed');
  const mediation = record.mediationRequests.filter((m) => m.against === appeal.against);
  facts.push(['Mediation', mediation.length ? mediation.map((m) => `Asked for on ${ukDate(m.on)}`).join('; ') : 'No request for mediation is recorded']);
  facts.push(['The local authority\'s response', appeal.response ? `Sent on ${ukDate(appeal.response.on)}: ${appeal.response.summary}` : 'Not recorded']);
  facts.push([
    'Hearing',
    appeal.hearings.length
      ? appeal.hearings.map((h) => `Listed for ${ukDate(h.hearingOn)}${h.venue ? ` at ${h.venue}` : ''} (listed on ${ukDate(h.on)})`).join('; ')
      : 'No hearing is listed',
  ]);
  facts.push([
    'Decision',
    appeal.decision
      ? `On ${ukDate(appeal.decision.on)} the tribunal ${DECISION_WORDS[appeal.decision.outcome]}${appeal.decision.summary ? `: ${appeal.decision.summary}` : '.'}`
      : appeal.withdrawn
        ? 'None: the appeal was withdrawn'
        : notOpposed
          ? `None needed: on ${ukDate(notOpposed.made.on)} the local authority told the tribunal it would not oppose the appeal, which is then treated as decided for the family (SEND Regulations 2014, regulation 45)`
          : 'No decision is recorded yet',
  ]);
  if (appeal.withdrawn) facts.push(['Withdrawn', `On ${ukDate(appeal.withdrawn.on)}${appeal.withdrawn.reason ? `: ${appeal.withdrawn.reason}` : ''}`]);
  blocks.push({ kind: 'table', header: [], widths: [0.28, 0.72], rows: facts });

  if (appeal.directions.length) {
    blocks.push({ kind: 'heading', text: `The tribunal's directions${appeal.tribunalReference ? ` in appeal ${appeal.tribunalReference}` : ''}`, indexed: false });
    blocks.push({
      kind: 'table',
      header: ['What', 'By whom', 'Due by', 'Given on'],
      widths: [0.4, 0.22, 0.19, 0.19],
      rows: [...appeal.directions]
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
        .map((d) => [`${DIRECTION_WORDS[d.direction]}${d.detail ? `: ${d.detail}` : ''}`, d.party ? capital(PARTY_WORDS[d.party]) : 'Both parties', ukDate(d.dueOn), ukDate(d.given.on)]),
    });
  }

  blocks.push({ kind: 'heading', text: `What was ordered or conceded${appeal.tribunalReference ? ` in appeal ${appeal.tribunalReference}` : ''}`, indexed: true });
  const own = orders.filter((o) => o.appealId === appeal.appealId);
  if (own.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing is recorded as ordered or conceded in this appeal.', style: 'quiet' });
  for (const order of own) blocks.push(orderBlock(record, order, compiledOn));

  const recommendations = Object.values(record.recommendations).filter((r) => r.appealId === appeal.appealId);
  if (recommendations.length) {
    blocks.push({ kind: 'heading', text: 'Recommendations on health and social care', indexed: true });
    for (const r of recommendations) {
      const clock = reading.clocks.find((c) => c.subject.kind === 'recommendationId' && c.subject.id === r.recommendationId);
      blocks.push({
        kind: 'entry',
        heading: `To ${r.madeTo}, about ${RECOMMENDATION_SECTION_WORDS[r.section] ?? `section ${r.section}`}, made on ${ukDate(r.made.on)}`,
        lines: [
          `"${r.wording}"`,
          r.answered
            ? `Answered on ${ukDate(r.answered.on)} by ${r.answered.answeredBy.name}, ${r.answered.answeredBy.role}: ${r.answered.follows ? 'it will follow the recommendation' : 'it will not follow the recommendation'}. ${r.answered.reasons}`
            : 'Not answered yet.',
          ...(clock ? [`Time limit: ${orderClockInWords(clock, compiledOn)}. ${clock.legalSource}.`] : []),
        ],
      });
    }
  }
  return blocks;
}

function orderBlock(record: ChildRecord, order: TribunalOrderStanding, asOf: string): Block {
  const outcome = record.appeals.flatMap((a) => a.outcomes).find((o) => o.outcomeId === order.outcomeId);
  const limits = order.clocks.length
    ? order.clocks.map((clock: StatutoryClock) => `Time limit: ${orderClockInWords(clock, asOf)}. ${clock.legalSource}.`)
    : ['No time limit applies: the duty lasts while the order stands.'];
  return {
    kind: 'entry',
    heading: `${orderWhat({ kind: order.kind, sections: outcome?.sections ?? null })}, ${order.how === 'not_opposed' ? 'conceded' : 'ordered'} on ${ukDate(order.madeOn)}`,
    lines: [`${ORDER_HOW_WORDS[order.how]}.`, `"${order.wording}"`, ...limits, `Where it stands on ${ukDate(asOf)}: ${orderStandingInWords(order)}.`],
  };
}

/**
 * A refusal set aside revives the request refused: the assessment goes on, and its time limits still run from the
 * original request (no new request is made), so a plan that follows late is late against that request.
 */
export function refusalsSetAsideBlocks(reading: RecordReading): Block[] {
  const blocks: Block[] = [];
  for (const request of Object.values(reading.record.assessmentRequests)) {
    for (const setAside of request.setAside) {
      const refusal = setAside.refusal === 'refusal_to_assess' ? 'not to carry out an EHC needs assessment' : 'not to issue an EHC plan';
      const how = { reversed: 'reversed by the local authority', not_opposed: 'not opposed by the local authority on appeal', ordered: 'overturned by the tribunal' }[setAside.by.how];
      const revived = setAside.refusal === 'refusal_to_assess' ? 'The assessment revived' : 'The decision whether to issue an EHC plan revived';
      const finalPlan = reading.clocks.find((c) => c.ruleId === 'final-plan' && c.subject.id === request.requestId);
      blocks.push({ kind: 'heading', text: `A refusal set aside on ${ukDate(setAside.by.on)}`, indexed: true });
      blocks.push({
        kind: 'paragraph',
        text:
          `The decision of ${ukDate(setAside.was.on)} ${refusal} was ${how} on ${ukDate(setAside.by.on)}. ${revived}: the request made on ${ukDate(request.received.on)} stands, ` +
          'and its time limits still run from that request, not from the day the refusal was set aside. No new request was needed or made.',
      });
      if (finalPlan) blocks.push({ kind: 'paragraph', text: `Time limit, from the request of ${ukDate(request.received.on)}: ${orderClockInWords(finalPlan, reading.compiledOn)}.` });
    }
  }
  return blocks;
}

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
