import { ukDate } from '../../domain/calendar/uk-dates.js';
import type { EhcPlan, ProvisionLine } from '../../domain/child-record/state.js';
import { goldenThreadFlags } from '../../domain/provision-quality/golden-thread.js';
import type { Block } from './bundle-content.js';
import type { RecordReading } from './record-reading.js';
import { areaOfNeed, capitalised } from '../../web/presenters/record-vocabulary.js';

/**
 * The golden thread of a plan as the panel reads it: each line of provision with the reports it rests on (to the page
 * and paragraph) and the needs and outcomes it serves, then every flag on the plan with its rule in words.
 */

type Citation = NonNullable<ProvisionLine['evidence']>[number];

/** "Dr Nadia Farouk, educational psychologist, report of 29 November 2022, page 4, paragraph 3.2". */
export const citationInWords = (c: Citation): string =>
  [`${c.author}, ${c.role}, report of ${ukDate(c.writtenOn)}`, c.page !== undefined ? `page ${c.page}` : null, c.paragraph ? `paragraph ${c.paragraph}` : null].filter(Boolean).join(', ');

export function goldenThreadBlocks(reading: RecordReading, plan: EhcPlan): Block[] {
  const { record } = reading;
  const lines = Object.values(record.provisions).filter((line) => line.planId === plan.planId && line.status !== 'withdrawn');
  // A need by its area (its description is in section B above), an outcome in full: what the line is for.
  const needs = new Map(record.needs.map((n) => [n.needId, areaOfNeed(n.area)]));
  const outcomes = new Map(Object.values(record.outcomes).map((o) => [o.outcomeId, o.description]));
  const named = (ids: readonly string[] | undefined, from: Map<string, string>) => (ids ?? []).map((id) => from.get(id)).filter((d): d is string => d !== undefined);
  const blocks: Block[] = [{ kind: 'heading', text: 'The golden thread: the evidence each line rests on and what it is for', indexed: false }];
  const rows = lines.map((line) => {
    const serves = [
      ...named(line.needIds, needs).map((d) => `Need: ${capitalised(d)}`),
      ...named(line.outcomeIds, outcomes).map((d) => `Outcome: ${d}`),
    ];
    return [line.description, line.evidence?.length ? line.evidence.map(citationInWords).join('; ') : 'No evidence cited', serves.length ? serves.join('; ') : 'Tied to no need or outcome'];
  });
  // Lines recorded before a line could cite its evidence carry none: a row of "none" for each would bury what is there.
  const threaded = lines.some((line) => line.evidence?.length || line.needIds?.length || line.outcomeIds?.length);
  if (threaded) blocks.push({ kind: 'table', header: ['Provision', 'The evidence it rests on', 'The needs and outcomes it serves'], widths: [0.3, 0.38, 0.32], rows });
  else if (lines.length) blocks.push({ kind: 'paragraph', text: "This plan's lines were recorded without citing the evidence they rest on or the needs and outcomes they serve.", style: 'quiet' });
  const flags = goldenThreadFlags(record, reading.compiledOn).filter((f) => f.planId === plan.planId);
  blocks.push(flags.length
    ? { kind: 'paragraph', text: `Flags on the golden thread (${flags.length === 1 ? '1 flag' : `${flags.length} flags`}), as of ${ukDate(reading.compiledOn)}:`, style: 'strong' }
    : { kind: 'paragraph', text: `No flag on the golden thread as of ${ukDate(reading.compiledOn)}: every need has provision, every line serves a need, and no line rests on a report over 3 years old or superseded.`, style: 'quiet' });
  // A flag on a line names the line: the panel reads it away from the table.
  const lineOf = (id: string | undefined) => (id ? record.provisions[id]?.description : undefined);
  if (flags.length) blocks.push({ kind: 'list', items: flags.map((f) => (lineOf(f.provisionId) ? `${lineOf(f.provisionId)}: ${f.explanation}` : f.explanation)) });
  return blocks;
}

/** Section E as the record sets it out: the plan's outcomes, each with the needs it serves. */
export function outcomesOf(reading: RecordReading, plan: EhcPlan): string[] {
  const needs = new Map(reading.record.needs.map((n) => [n.needId, areaOfNeed(n.area)]));
  return Object.values(reading.record.outcomes)
    .filter((o) => o.planId === plan.planId)
    .map((o) => {
      const served = o.needIds.map((id) => needs.get(id)).filter(Boolean);
      return `Set on ${ukDate(o.set.on)}: ${o.description}${served.length ? ` Serves: ${served.join('; ')}.` : ''}`;
    });
}
