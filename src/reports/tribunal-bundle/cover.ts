import { isErasedData } from '../../domain/child-record/events.js';
import type { Block } from './bundle-content.js';
import { APPEAL_TYPE_WORDS } from './bundle-limits.js';
import { personInWords } from './people-and-places.js';
import type { RecordReading } from './record-reading.js';
import { undisclosedReason } from './undisclosed-words.js';
import { ukDate, ukDateTime } from '../../domain/calendar/uk-dates.js';

export const TRIBUNAL = 'First-tier Tribunal (Special Educational Needs and Disability)';

/** The child as the record registered them, or why the record cannot say. */
export function childAsRecorded(reading: RecordReading): string {
  const { manifest, entries } = reading.input;
  const registered = entries.find((e) => e.type === 'ChildRegistered');
  if (!registered) return 'Not in this bundle: the entry that registered the child is not included';
  if (isErasedData(registered.data)) {
    const reason = undisclosedReason(registered.streamRevision, manifest, entries) ?? 'Its content is not disclosed.';
    return `Not disclosed. The entry that registered the child is in the bundle, but: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
  const name = String(registered.data['displayName']);
  const born = registered.data['dateOfBirth'];
  return typeof born === 'string' ? `${name}, born ${ukDate(born)}` : name;
}

/** The cover: the tribunal, the child, the appeal, which version of the bundle this is, and who compiled it for what. */
export function coverBlocks(reading: RecordReading): Block[] {
  const { manifest, treeHead } = reading.input;
  const appeal = manifest.appeal;
  const facts: string[][] = [
    ['Child', childAsRecorded(reading)],
    ['Appeal reference', appeal?.reference ?? 'None given: this bundle is not for a registered appeal'],
    ['Hearing date', appeal?.hearingDate ? ukDate(appeal.hearingDate) : 'Not yet listed'],
    ['Appeal against', appeal ? APPEAL_TYPE_WORDS[appeal.appealType] : 'Not given'],
    ['Bundle', `Version ${manifest.version}, compiled on ${ukDateTime(manifest.compiledAt)}`],
    ['Compiled by', personInWords(manifest.compiledBy, reading.settings)],
    ['Purpose', manifest.purpose],
    ['Entries', entriesCovered(reading)],
  ];
  const blocks: Block[] = [
    { kind: 'paragraph', text: TRIBUNAL, style: 'strong' },
    { kind: 'heading', text: 'Hearing bundle', indexed: false },
    { kind: 'table', header: [], widths: [0.28, 0.72], rows: facts },
  ];
  if (!treeHead) {
    blocks.push({ kind: 'paragraph', text: 'Draft: not yet exported. This copy shows how the bundle will look; it is signed, and can be checked, only once it is exported.', style: 'strong' });
  }
  if (manifest.version > 1) {
    const previous = manifest.previousVersion;
    blocks.push({ kind: 'heading', text: `What changed since version ${previous?.version ?? manifest.version - 1}`, indexed: false });
    if (previous) blocks.push({ kind: 'paragraph', text: `Version ${previous.version} was compiled on ${ukDate(previous.compiledAt)}.`, style: 'quiet' });
    blocks.push(manifest.changes.length ? { kind: 'list', items: manifest.changes } : { kind: 'paragraph', text: 'No changes are listed.' });
  }
  return blocks;
}

function entriesCovered({ input: { manifest, entries } }: RecordReading): string {
  const count = entries.length;
  const all = `${count === 1 ? '1 entry' : `${count} entries`} of the record`;
  const left = manifest.streamLength - count;
  const undisclosed = manifest.undisclosed.length;
  return [
    left > 0 ? `${all}; the last ${left === 1 ? 'entry is' : `${left} entries are`} not included (see section E)` : `All ${all}`,
    undisclosed > 0 ? `${undisclosed === 1 ? '1 entry is' : `${undisclosed} entries are`} included without their content (see section E)` : '',
  ].filter(Boolean).join('. ') + '.';
}
