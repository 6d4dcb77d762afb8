import { ukDate } from '../../domain/calendar/uk-dates.js';
import type { PlanAmendment } from '../../domain/child-record/state.js';
import type { Block, BundleSection } from './bundle-content.js';
import type { RecordReading } from './record-reading.js';

/**
 * Section C: where the working document (form SEND23) stands, from the changes the parties recorded: its latest
 * version, and each change in dispute, agreed, awaiting an answer or withdrawn. The document itself, in the SEND23
 * key, is drawn on its own and added to the bundle: this section is short so the 25-page limit is the document's.
 */

type ChangeStanding = 'disputed' | 'agreed' | 'awaiting' | 'withdrawn';

const PARTY_WORDS: Record<PlanAmendment['proposedBy'], string> = { parent_carer: 'The parent or carer', young_person: 'The young person', local_authority: 'The local authority' };
const STANDING_WORDS: Record<ChangeStanding, string> = { disputed: 'In dispute', agreed: 'Agreed', awaiting: 'Awaiting an answer', withdrawn: 'Withdrawn' };

/** A change stands as the other party's latest answer left it; withdrawn ends it whatever was answered. */
export function changeStanding(change: PlanAmendment): ChangeStanding {
  if (change.withdrawn) return 'withdrawn';
  const answer = change.answers.filter((a) => a.by !== change.proposedBy).at(-1);
  return answer ? answer.answer : 'awaiting';
}

const count = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

/** As edition 1 drew it, before the record held the working document's changes. */
const NOT_HELD = "The working document (the parties' positions on the disputed parts of the EHC plan) is not held in this record yet; the parties add it to the bundle.";

export function workingDocumentSection(reading: RecordReading): BundleSection {
  const { record } = reading;
  if (reading.edition === 1) return { id: 'C', title: 'The working document', part: 'working_document', blocks: [{ kind: 'paragraph', text: NOT_HELD }] };
  const changes = Object.values(record.planAmendments).sort((a, b) => a.proposed.on.localeCompare(b.proposed.on) || a.amendmentId.localeCompare(b.amendmentId));
  const versions = record.appeals.flatMap((a) => a.workingDocuments.map((w) => ({ ...w, reference: a.tribunalReference ?? null })));
  const blocks: Block[] = [];
  const latest = [...versions].sort((a, b) => a.on.localeCompare(b.on) || a.version - b.version).at(-1);
  if (latest) {
    blocks.push({
      kind: 'paragraph',
      text: `The latest version of the working document${latest.reference ? ` in appeal ${latest.reference}` : ''} is version ${latest.version}, sent by ${PARTY_WORDS[latest.issuedBy].toLowerCase()} on ${ukDate(latest.on)}.`,
    });
  } else if (changes.length) {
    blocks.push({ kind: 'paragraph', text: 'No version of the working document has been sent yet; the changes below are recorded.' });
  }
  if (changes.length === 0) {
    blocks.push({ kind: 'paragraph', text: NOT_HELD });
    return { id: 'C', title: 'The working document', part: 'working_document', blocks };
  }
  const standings = changes.map((change) => ({ change, standing: changeStanding(change) }));
  const of = (s: ChangeStanding) => standings.filter((c) => c.standing === s).length;
  blocks.push({
    kind: 'paragraph',
    text: `${count(changes.length)} proposed: ${of('disputed')} in dispute, ${of('agreed')} agreed, ${of('awaiting')} awaiting an answer, ${of('withdrawn')} withdrawn.`,
  });
  blocks.push({
    kind: 'table',
    header: ['Section', 'Proposed by, on', 'Change', 'Where it stands'],
    widths: [0.13, 0.27, 0.25, 0.35],
    rows: standings.map(({ change, standing }) => {
      const answer = change.answers.filter((a) => a.by !== change.proposedBy).at(-1);
      const since = change.withdrawn ? ` on ${ukDate(change.withdrawn.on)}` : answer ? ` since ${ukDate(answer.on)}${answer.reason ? `: ${answer.reason}` : ''}` : '';
      return [
        change.section,
        `${PARTY_WORDS[change.proposedBy]}, ${ukDate(change.proposed.on)}`,
        `${change.change === 'add' ? 'Add' : 'Delete'} wording${change.evidence.length ? `, citing ${change.evidence.length === 1 ? '1 report' : `${change.evidence.length} reports`}` : ''}`,
        `${STANDING_WORDS[standing]}${since}`,
      ];
    }),
  });
  blocks.push({ kind: 'paragraph', text: 'The working document itself, in the key of form SEND23, is drawn from the same entries and added to the bundle.', style: 'quiet' });
  return { id: 'C', title: 'The working document', part: 'working_document', blocks };
}
