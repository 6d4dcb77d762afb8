import { applyCorrections } from '../../domain/child-record/corrections.js';
import { toChildEvent } from '../../domain/child-record/decider.js';
import type { ChildEventData } from '../../domain/child-record/events.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import { adviceType } from '../../web/presenters/record-vocabulary.js';

export type ExpertReport = NonNullable<ChildEventData<'AdviceReceived'>['report']>;

/** Advice received for an assessment, with what it was asked for and the written report it came as, if described. */
export interface AdviceAppendix {
  revision: number;
  /** "psychological", "medical": the kind of advice asked for, in words; null when the request is not in the bundle. */
  kind: string | null;
  askedOf: { organisation: string; role: string } | null;
  receivedAt: string;
  summary: string;
  report: ExpertReport | null;
}

/** The advice in the record as corrected, in the order it was received (section K of the plan: the advice and information gathered). */
export function adviceAppendices(entries: readonly LedgerEntry[]): AdviceAppendix[] {
  const revisionOf = new Map(entries.map((e) => [e.eventId, e.streamRevision]));
  const requests = new Map<string, ChildEventData<'AdviceRequested'>>();
  const appendices: AdviceAppendix[] = [];
  for (const event of applyCorrections(entries.map(toChildEvent))) {
    if (event.type === 'AdviceRequested') requests.set(event.data.adviceRequestId, event.data);
    if (event.type !== 'AdviceReceived') continue;
    const asked = requests.get(event.data.adviceRequestId);
    appendices.push({
      revision: revisionOf.get(event.eventId) ?? -1,
      kind: asked ? adviceType(asked.adviceType) : null,
      askedOf: asked ? asked.from : null,
      receivedAt: event.occurredAt,
      summary: event.data.summary,
      report: event.data.report ?? null,
    });
  }
  return appendices;
}

/** How a report is named in a sentence: "the psychological advice report (Dr Nadia Farouk, written 29 November 2022)". */
export const reportName = (appendix: AdviceAppendix, writtenOn: string): string =>
  `The ${appendix.kind ? `${appendix.kind} advice ` : ''}report${appendix.report ? ` (${appendix.report.author.name}, written ${writtenOn})` : ''}`;
