import { isErasedData } from '../../domain/child-record/events.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import type { Block, BundleSection } from './bundle-content.js';
import { entryTypeInWords, personInWords } from './people-and-places.js';
import type { RecordReading } from './record-reading.js';
import { undisclosedReason } from './undisclosed-words.js';
import { ukDate, ukDateTime } from '../../domain/calendar/uk-dates.js';

const DAY_MS = 86_400_000;

/** Entry numbers as a reader counts them: from 1, in the order the ledger recorded them. */
export const entryNumber = (entry: Pick<LedgerEntry, 'streamRevision'>): number => entry.streamRevision + 1;

/**
 * Section E: every entry of the record in the date order it claims, each with what it says, who recorded it,
 * when it is said to have happened and when it was recorded; corrections beside what they correct; entries
 * whose content cannot be disclosed and the runs of entries not included, each with the reason, so a reader
 * sees that the trail is complete apart from what is stated.
 */
export function chronologySection(reading: RecordReading): BundleSection {
  const { entries, manifest } = reading.input;
  const corrections = correctionsOf(entries);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        'Every entry of the record, in the date order it claims. Entries are numbered from 1 in the order they were recorded, so a gap in the ' +
        `numbers would show. An entry recorded more than ${manifest.lateThresholdDays} days after the date it claims is marked as recorded late. ` +
        'A correction never removes the entry it corrects: both are shown.',
    },
  ];
  const byDate = [...entries].sort((a, b) => Date.parse(a.metadata.occurredAt) - Date.parse(b.metadata.occurredAt) || a.streamRevision - b.streamRevision);
  let year = '';
  for (const entry of byDate) {
    const entryYear = ukDate(entry.metadata.occurredAt).slice(-4);
    if (entryYear !== year) {
      year = entryYear;
      blocks.push({ kind: 'heading', text: `Entries dated ${year}`, indexed: true });
    }
    blocks.push(entryBlock(reading, entry, corrections));
  }
  if (entries.length === 0) blocks.push({ kind: 'paragraph', text: 'No entries are included.' });
  for (const omission of manifest.omitted) {
    const run = omission.fromRevision === omission.throughRevision
      ? `Entry ${omission.fromRevision + 1}`
      : `Entries ${omission.fromRevision + 1} to ${omission.throughRevision + 1}`;
    blocks.push({ kind: 'entry', heading: `${run}: not in this bundle`, lines: [omission.explanation] });
  }
  return { id: 'E', title: 'The record in date order', part: 'party_evidence', blocks };
}

/** For each entry, the corrections and retractions recorded against it. */
function correctionsOf(entries: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const against = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    if (entry.type !== 'EntryCorrected' || isErasedData(entry.data)) continue;
    const target = String(entry.data['supersedesEventId']);
    against.set(target, [...(against.get(target) ?? []), entry]);
  }
  return against;
}

function entryBlock(reading: RecordReading, entry: LedgerEntry, corrections: Map<string, LedgerEntry[]>): Block {
  const { occurredAt, recordedAt } = entry.metadata;
  const heading = `${entryNumber(entry)}. ${ukDate(occurredAt)}`;
  const withheld = undisclosedReason(entry.streamRevision, reading.input.manifest, reading.input.entries);
  if (withheld || isErasedData(entry.data)) {
    return {
      kind: 'entry',
      heading: `${heading}: ${entryTypeInWords(entry.type)} (content not disclosed)`,
      lines: [withheld ?? 'Its content is not disclosed.', recordedLine(reading, entry)],
    };
  }
  const words = reading.inWords(entry);
  const lines = [words.sentence, ...words.said, recordedLine(reading, entry)];
  const late = Math.floor((Date.parse(recordedAt) - Date.parse(occurredAt)) / DAY_MS);
  const imported = entry.metadata.importedFrom;
  // An imported entry is recorded long after its date because it came from another system's records, not because it was late.
  if (imported) lines.push(`Imported from ${imported.source}, row ${imported.row}, on ${ukDate(recordedAt)}: brought in from the local authority's earlier records.`);
  else if (late > reading.input.manifest.lateThresholdDays) lines.push(`Recorded late: ${late} days after the date it claims.`);
  for (const correction of corrections.get(entry.eventId) ?? []) {
    const retracted = correction.data['retracted'] === true;
    lines.push(`${retracted ? 'Retracted' : 'Corrected'} by entry ${entryNumber(correction)}, recorded on ${ukDate(correction.metadata.recordedAt)}${retracted ? ': it no longer counts' : ''}.`);
  }
  if (entry.type === 'EntryCorrected') {
    const target = reading.byEventId.get(String(entry.data['supersedesEventId']));
    if (target) lines.push(`This ${entry.data['retracted'] === true ? 'retracts' : 'corrects'} entry ${entryNumber(target)}.`);
  }
  return { kind: 'entry', heading: `${heading}: ${words.title}`, lines };
}

/** "Recorded by Sam Okafor, local authority SEN officer, ... on 2 December 2022 at 3:45pm." */
const recordedLine = (reading: RecordReading, entry: LedgerEntry): string =>
  `Recorded by ${personInWords(entry.metadata.actor, reading.settings)}, on ${ukDateTime(entry.metadata.recordedAt)}.`;
