import { ukDate } from '../../domain/calendar/uk-dates.js';
import { PARTY_WORDS, type PlanParagraph, type WorkingDocumentChange, type WorkingDocumentModel } from '../../domain/appeal/working-document.js';
import { deliveredByInWords, howOftenInWords, whenInWords } from '../../web/presenters/promise-in-words.js';
import { appealableDecision, areaOfNeed, capitalised, listInWords, needRank } from '../../web/presenters/record-vocabulary.js';
import { TRIBUNAL } from '../tribunal-bundle/cover.js';

/**
 * The words and the key both renderers of the working document share, so that the .docx the parties edit and the
 * PDF in the bundle say the same thing in the same hands.
 */

export { TRIBUNAL };
export const TITLE = 'Working document (SEND23)';
/** Practice Direction and the tribunal's directions: the working document in the bundle is at most 25 pages. */
export const TRIBUNAL_PAGE_LIMIT = 25;

/** How a run of text is set: the SEND23 key. */
export interface RunStyle {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  underline: boolean;
}

/**
 * The family's changes in bold, the local authority's in italic; a deletion struck through; text both parties agreed
 * underlined, keeping the proposer's hand so that who proposed it stays visible.
 */
export const styleOf = (change: Pick<WorkingDocumentChange, 'side' | 'change' | 'status'>): RunStyle => ({
  bold: change.side === 'family',
  italic: change.side === 'local_authority',
  strike: change.change === 'delete',
  underline: change.status === 'agreed',
});

/** The key, each line set in its own style. */
export const KEY: ReadonlyArray<{ text: string; style: RunStyle }> = [
  { text: "Added by the parent or young person (bold)", style: styleOf({ side: 'family', change: 'add', status: 'proposed' }) },
  { text: "Deleted by the parent or young person (bold, struck through)", style: styleOf({ side: 'family', change: 'delete', status: 'proposed' }) },
  { text: 'Added by the local authority (italic)', style: styleOf({ side: 'local_authority', change: 'add', status: 'proposed' }) },
  { text: 'Deleted by the local authority (italic, struck through)', style: styleOf({ side: 'local_authority', change: 'delete', status: 'proposed' }) },
  { text: 'Agreed by both parties (underlined, in the hand of the party who proposed it)', style: styleOf({ side: 'family', change: 'add', status: 'agreed' }) },
  { text: 'Deletion agreed by both parties (underlined, struck through)', style: styleOf({ side: 'local_authority', change: 'delete', status: 'agreed' }) },
];
export const KEY_NOTE = 'Each change has a footnote citing the evidence it rests on: author, role, date, page and paragraph.';

/** A sentence ends with one full stop, whether or not the words given (a party's reason) had one. */
const sentence = (words: string): string => (/[.!?]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

/** The plan's text of a paragraph, as the plan would say it. */
export function paragraphWords(paragraph: PlanParagraph): string {
  switch (paragraph.kind) {
    case 'need':
      return `${capitalised(areaOfNeed(paragraph.area))} (${needRank(paragraph.rank)} need): ${paragraph.description}`;
    case 'outcome':
      return paragraph.description;
    case 'provision': {
      const terms = paragraph.line;
      // What, who, how often, how long: the four things a section F line must say (SEND Code of Practice 9.69).
      return `${sentence(terms.description)} Who: ${sentence(deliveredByInWords(terms.deliveredBy))} How often: ${sentence(howOftenInWords(terms))} How long: ${sentence(whenInWords(terms).replace(/^From/, 'from'))}`;
    }
    case 'named_setting':
      return paragraph.setting
        ? `${paragraph.setting.name}${paragraph.setting.urn ? ` (URN ${paragraph.setting.urn})` : ''}`
        : 'The plan names no school or other institution.';
    case 'not_held':
      return paragraph.text;
  }
}

/** "Addition proposed by the parent or carer on 3 February 2026. Agreed by the local authority on ...". */
export const changeNoteWords = (change: WorkingDocumentChange): string =>
  `${change.change === 'add' ? 'Addition' : 'Deletion'} proposed by ${PARTY_WORDS[change.proposedBy]} on ${ukDate(change.proposedOn)}. ${sentence(change.statusWords)}`;


/** The facts at the head of the document: whose, which appeal, which plan, which version. */
export function headWords(model: WorkingDocumentModel): Array<{ label: string; value: string }> {
  const rows = [
    { label: 'Child', value: model.childName },
    { label: 'Tribunal reference', value: model.appeal.reference ?? 'Not recorded' },
    {
      label: 'Appeal against',
      value: `${capitalised(appealableDecision(model.appeal.against))}${model.appeal.sections.length ? ` (sections ${listInWords(model.appeal.sections)})` : ''}, registered on ${ukDate(model.appeal.registeredOn)}`,
    },
    {
      label: 'EHC plan',
      value: !model.plan
        ? 'No EHC plan recorded'
        : model.plan.finalIssuedOn
          ? `Final plan issued on ${ukDate(model.plan.finalIssuedOn)}${model.plan.amendments ? `, amended ${model.plan.amendments} ${model.plan.amendments === 1 ? 'time' : 'times'}` : ''}`
          : 'Draft plan',
    },
    { label: 'Version', value: model.versionWords },
  ];
  if (model.inPreparation) rows.push({ label: 'Next version', value: model.inPreparation });
  return rows;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What remains in dispute, what is agreed, what awaits an answer, and how many changes were withdrawn. */
export const summaryWords = (model: WorkingDocumentModel): string =>
  `${count(model.summary.inDispute, 'change remains', 'changes remain')} in dispute; ${model.summary.agreed} agreed; ` +
  `${model.summary.awaitingAnswer} awaiting an answer; ${model.summary.withdrawn} withdrawn (not shown).`;

/** "3 February 2026: the parent or carer proposed an addition to section F". */
export const moveWords = (move: WorkingDocumentModel['moves'][number]): string => `${ukDate(move.on)}: ${PARTY_WORDS[move.party]} ${move.what}`;

/** The file's name: the version, never the child's name. */
export const fileNameOf = (model: WorkingDocumentModel, extension: 'docx' | 'pdf'): string =>
  `working-document-${model.version ? `v${model.version.number}` : 'draft'}.${extension}`;
