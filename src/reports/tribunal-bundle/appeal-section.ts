import { isErasedData } from '../../domain/child-record/events.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import type { Block, BundleSection } from './bundle-content.js';
import { APPEAL_TYPE_WORDS } from './bundle-limits.js';
import { personInWords } from './people-and-places.js';
import type { RecordReading } from './record-reading.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';
import { appealProgressBlocks, ordersOf, refusalsSetAsideBlocks } from './appeal-progress.js';

/**
 * Section A: the appeal and the decision appealed against, and any mediation certificate. The decision is the
 * one whose appeal window the appeal was registered in (the clocks link the two), so it is named from the
 * record, not from what anyone typed. Each appeal's course follows (response, directions, hearing, decision, what
 * was ordered or conceded and its time limits), then any refusal set aside.
 */
export function appealSection(reading: RecordReading): BundleSection {
  const { entries, manifest } = reading.input;
  const blocks: Block[] = [];
  const appeal = manifest.appeal;
  if (appeal) {
    blocks.push({
      kind: 'paragraph',
      text: `This bundle is for appeal ${appeal.reference}, against ${APPEAL_TYPE_WORDS[appeal.appealType]}${appeal.hearingDate ? `, to be heard on ${ukDate(appeal.hearingDate)}` : '; no hearing date is listed yet'}.`,
    });
  }
  const appeals = entries.filter((e) => e.type === 'AppealRegistered' && !isErasedData(e.data));
  if (appeals.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No appeal is registered in this record. The appeal itself is registered with the tribunal, which holds it.' });
  }
  const latest = reading.edition >= 2;
  const orders = latest ? ordersOf(reading) : [];
  for (const entry of appeals) {
    blocks.push({ kind: 'heading', text: `Appeal registered on ${ukDate(entry.metadata.occurredAt)}`, indexed: true });
    blocks.push(...entryBlocks(reading, entry));
    const window = reading.clocks.find((c) => c.ruleId === 'appeal-window' && c.stoppedBy?.eventId === entry.eventId);
    const decision = window ? reading.byEventId.get(window.startedBy.eventId) : undefined;
    if (decision) {
      blocks.push({ kind: 'heading', text: `The decision appealed against, ${ukDate(decision.metadata.occurredAt)}`, indexed: true });
      blocks.push(...entryBlocks(reading, decision));
    } else {
      blocks.push({ kind: 'paragraph', text: 'The decision appealed against is not identified in this record.', style: 'quiet' });
    }
    const appeal = reading.record.appeals.find((a) => a.appealId === entry.data['appealId']);
    if (appeal && latest) blocks.push(...appealProgressBlocks(reading, appeal, orders));
  }
  if (latest) blocks.push(...refusalsSetAsideBlocks(reading));
  const certificates = entries.filter((e) => e.type === 'MediationCertificateIssued' && !isErasedData(e.data));
  for (const entry of certificates) {
    blocks.push({ kind: 'heading', text: `Mediation certificate, ${ukDate(entry.metadata.occurredAt)}`, indexed: true });
    blocks.push(...entryBlocks(reading, entry));
  }
  if (certificates.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No mediation certificate is recorded (none is needed for an appeal only about the school or college named).', style: 'quiet' });
  }
  return { id: 'A', title: 'The appeal and the decision appealed against', part: 'core_bundle', blocks };
}

/** An entry as section A quotes it: what it says, and who recorded it when. */
function entryBlocks(reading: RecordReading, entry: LedgerEntry): Block[] {
  const words = reading.inWords(entry);
  return [
    { kind: 'paragraph', text: words.sentence },
    ...words.said.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: `Recorded by ${personInWords(entry.metadata.actor, reading.settings)} (entry ${entry.streamRevision + 1} in section E).`, style: 'quiet' },
  ];
}
