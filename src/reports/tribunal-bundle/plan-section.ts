import { childPromises } from '../../../projections/child-promises.js';
import type { PromiseView } from '../../../projections/promise-view.js';
import { isErasedData } from '../../domain/child-record/events.js';
import type { EhcPlan } from '../../domain/child-record/state.js';
import { deliveredByInWords, howOftenInWords } from '../../web/presenters/promise-in-words.js';
import { areaOfNeed, capitalised, provisionSection, reviewDecision } from '../../web/presenters/record-vocabulary.js';
import type { Block, BundleSection } from './bundle-content.js';
import { expertReportFindings, type LimitFinding } from './bundle-limits.js';
import { adviceAppendices, type AdviceAppendix } from './expert-reports.js';
import { forceInWords, standingInWords } from './promise-standing.js';
import type { RecordReading } from './record-reading.js';
import { goldenThreadBlocks, outcomesOf } from './golden-thread-blocks.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';

/**
 * Section D: the EHC plan as the record holds it (needs, outcomes, the provision promised with its legal force,
 * the setting named, and from edition 2 the golden thread: each line's evidence, what it serves, and the flags) and, as its appendices, the advice gathered for it (section K) with each expert report's
 * details. The plan document itself and the reports are held outside the ledger.
 */
export function planSection(reading: RecordReading): BundleSection {
  const plans = Object.values(reading.record.plans).sort((a, b) => a.draftIssued.on.localeCompare(b.draftIssued.on) || a.planId.localeCompare(b.planId));
  const promises = childPromises(reading.input.entries, reading.compiledOn);
  const blocks: Block[] = [];
  if (plans.length === 0) blocks.push({ kind: 'paragraph', text: 'No EHC plan has been issued in this record.' });
  for (const plan of plans) blocks.push(...planBlocks(reading, plan, promises.filter((p) => p.planId === plan.planId)));

  blocks.push({ kind: 'heading', text: 'Section K: advice and information gathered (appendices)', indexed: true });
  const advice = adviceAppendices(reading.input.entries);
  const findings = expertReportFindings(reading.input);
  if (advice.length === 0) blocks.push({ kind: 'paragraph', text: 'No advice is recorded as received.' });
  advice.forEach((appendix, i) => blocks.push(...appendixBlocks(appendix, i + 1, findings.filter((f) => f.entry === appendix.revision + 1))));
  return { id: 'D', title: 'The EHC plan and its appendices', part: 'plan_and_appendices', blocks };
}

function planBlocks(reading: RecordReading, plan: EhcPlan, promises: PromiseView[]): Block[] {
  const issued = plan.finalIssued ? `issued on ${ukDate(plan.finalIssued.on)}` : `drafted on ${ukDate(plan.draftIssued.on)} (no final plan yet)`;
  const blocks: Block[] = [{ kind: 'heading', text: `The EHC plan ${issued}`, indexed: true }];
  const status = plan.ceased
    ? `The local authority stopped maintaining this plan on ${ukDate(plan.ceased.on)}.`
    : plan.status === 'final' ? 'The plan is maintained by the local authority.' : 'The plan is a draft.';
  const changes = [
    ...plan.reviews.map((r) => ({ on: r.on, text: `Reviewed on ${ukDate(r.on)}: the decision was to ${reviewDecision(r.decision)}. ${r.summary}` })),
    ...plan.amendments.map((a) => ({ on: a.on, text: `Amended on ${ukDate(a.on)}: ${a.summary} Why: ${a.reason}` })),
  ].sort((a, b) => a.on.localeCompare(b.on));
  blocks.push({ kind: 'paragraph', text: status });
  if (changes.length) blocks.push({ kind: 'list', items: changes.map((c) => c.text) });

  blocks.push({ kind: 'heading', text: 'Section B: special educational needs', indexed: false });
  const needs = reading.record.needs;
  blocks.push(needs.length
    ? { kind: 'list', items: needs.map((n) => `${n.rank === 'primary' ? 'Main need' : 'Other need'}: ${areaOfNeed(n.area)}. ${n.description} (identified on ${ukDate(n.identified.on)})`) }
    : { kind: 'paragraph', text: 'No needs are recorded.' });

  blocks.push({ kind: 'heading', text: 'Section E: outcomes', indexed: false });
  const summaries = reading.input.entries
    .filter((e) => e.type === 'DraftPlanIssued' && !isErasedData(e.data) && e.data['planId'] === plan.planId && typeof e.data['summary'] === 'string')
    .map((e) => `The draft plan of ${ukDate(e.metadata.occurredAt)}: ${String(e.data['summary'])}`);
  if (reading.edition >= 2) summaries.push(...outcomesOf(reading, plan));
  blocks.push(summaries.length ? { kind: 'list', items: summaries } : { kind: 'paragraph', text: 'The outcomes are set out in the plan document; the record holds no separate entry for them.', style: 'quiet' });

  blocks.push({ kind: 'heading', text: 'Sections F, G and H: the provision promised', indexed: false });
  blocks.push(promises.length
    ? {
        kind: 'table',
        header: ['What is promised', 'How often, and by whom', 'Legal force', 'On the day compiled'],
        widths: [0.3, 0.28, 0.23, 0.19],
        rows: promises.map((p) => [
          `${capitalised(provisionSection(p.section).replace(' of the EHC plan', ''))}: ${p.terms.description}`,
          `${howOftenInWords(p.terms)}. ${deliveredByInWords(p.terms.deliveredBy)}`,
          forceInWords(p),
          standingInWords(p, reading.compiledOn),
        ]),
      }
    : { kind: 'paragraph', text: 'No provision is recorded against this plan.' });
  if (reading.edition >= 2) blocks.push(...goldenThreadBlocks(reading, plan));

  blocks.push({ kind: 'heading', text: 'Section I: the school or institution named', indexed: false });
  const named = [
    ...(plan.finalIssued ? [`${plan.finalIssued.namedSetting.name}, named in the final plan of ${ukDate(plan.finalIssued.on)}.`] : []),
    ...plan.amendments.filter((a) => a.namedSetting).map((a) => `${a.namedSetting!.name}, named by the amendment of ${ukDate(a.on)}.`),
  ];
  blocks.push(named.length ? { kind: 'list', items: named } : { kind: 'paragraph', text: 'No school or institution is named yet (section I is blank in a draft plan).' });
  return blocks;
}

function appendixBlocks(appendix: AdviceAppendix, number: number, findings: readonly LimitFinding[]): Block[] {
  const from = appendix.askedOf ? ` from ${appendix.askedOf.organisation}` : '';
  const kind = appendix.kind ? `${appendix.kind.charAt(0).toUpperCase()}${appendix.kind.slice(1)} advice` : 'Advice';
  const blocks: Block[] = [
    { kind: 'heading', text: `K${number}: ${kind}${from}`, indexed: true },
    { kind: 'paragraph', text: `Received on ${ukDate(appendix.receivedAt)} (entry ${appendix.revision + 1} in section E). ${appendix.summary}` },
  ];
  const report = appendix.report;
  blocks.push(report
    ? {
        kind: 'table',
        header: [],
        widths: [0.3, 0.7],
        rows: [
          ['Report', report.title],
          ['Written by', `${report.author.name}, ${report.author.role}`],
          ['Written on', ukDate(report.writtenOn)],
          ['Length', `${report.pages === 1 ? '1 page' : `${report.pages} pages`}, including a summary of ${report.summaryPages === 1 ? '1 page' : `${report.summaryPages} pages`}`],
        ],
      }
    : { kind: 'paragraph', text: 'No written report is described in the record.', style: 'quiet' });
  if (report) blocks.push({ kind: 'paragraph', text: "The report itself is held outside this record; its pages count towards the plan's appendices.", style: 'quiet' });
  if (findings.length) {
    blocks.push({ kind: 'paragraph', text: "Over the Practice Direction's limits for expert reports:", style: 'strong' });
    blocks.push({ kind: 'list', items: findings.map((f) => `${f.message}.`) });
  }
  return blocks;
}
