import { ukDate } from '../../domain/calendar/uk-dates.js';
import type { BundleSection } from './bundle-content.js';
import { personInWords } from './people-and-places.js';
import type { RecordReading } from './record-reading.js';

/**
 * Section B: the local authority's response. The response itself is a document the ledger does not hold: where the
 * record notes it was sent, the section says when and what it said in summary; otherwise it says plainly that it is
 * not held, so a missing section reads as not held, never as nothing to say.
 */
export function responseSection(reading: RecordReading): BundleSection {
  const responses = reading.edition >= 2 ? reading.record.appeals.filter((a) => a.response) : [];
  return {
    id: 'B',
    title: "The local authority's response",
    part: 'core_bundle',
    blocks: responses.length
      ? [
          ...responses.flatMap((a) => [
            {
              kind: 'paragraph' as const,
              text: `Sent on ${ukDate(a.response!.on)}${a.tribunalReference ? ` in appeal ${a.tribunalReference}` : ''}, recorded by ${personInWords(a.response!.actor, reading.settings)}. In summary: ${a.response!.summary}`,
            },
          ]),
          { kind: 'paragraph', text: 'The response document itself is held outside this record; the local authority adds it to the bundle.', style: 'quiet' },
        ]
      : [{ kind: 'paragraph', text: "The local authority's response to the appeal is not held in this record; the local authority adds it to the bundle." }],
  };
}
