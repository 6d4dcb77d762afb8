import { buildAuditTrail } from '../../projections/audit-trail.js';
import { childPromises } from '../../projections/child-promises.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import { toChildEvent } from '../domain/child-record/decider.js';
import { computeClocks } from '../domain/statutory-clocks/compute-clocks.js';
import { isFailureOfDuty } from '../domain/statutory-clocks/clock-outcomes.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import type { SignedTreeHead } from '../integrity/tree-head.js';
import { deliveryWords, standingWords } from './promise-wording.js';

const words = (value: string) => value.replaceAll('_', ' ');

/**
 * The chronology a tribunal panel reads: every entry with who recorded it, when it is claimed to have
 * happened and when it was recorded, late entries, supersessions, missed deadlines, and the legal
 * force of each promise. The bundle's proofs, not this PDF, are what make it checkable.
 */
export async function renderChronologyPdf(childId: string, entries: readonly LedgerEntry[], head: SignedTreeHead, lateThresholdDays: number): Promise<Buffer> {
  // Loaded on first use, as in handover-pack-pdf.ts: pdfkit is heavy to load and only exports need it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 45, info: { Title: `Chronology ${childId}`, Producer: 'SEND Ledger' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(9).moveDown(0.2);

  doc.font('Helvetica-Bold').fontSize(16).text('Chronology of the record');
  doc.font('Helvetica').fontSize(9);
  doc.text(`Child ${childId}. ${entries.length} entries, covered by the signed tree head of ${head.treeSize} entries, root ${head.rootHash}, signed ${head.timestamp} (key ${head.keyId.slice(0, 16)}...).`);
  doc.text(`Entries recorded more than ${lateThresholdDays} days after their claimed date are marked LATE.`);

  heading('Entries');
  for (const entry of buildAuditTrail(entries, lateThresholdDays)) {
    const late = entry.recordedLateByDays !== null ? ` LATE by ${entry.recordedLateByDays} days` : '';
    doc.font('Helvetica-Bold').text(`${entry.streamRevision}. ${entry.occurredAt.slice(0, 10)}  ${entry.summary}`);
    doc.font('Helvetica').text(
      `   by ${entry.actor.displayName} (${words(entry.actor.role)}, ${entry.actor.organisation}); recorded ${entry.recordedAt}${late}; ${entry.legalFramework.title}`,
    );
    if (entry.supersedes) doc.text(`   supersedes entry ${entry.supersedes}: ${entry.correctionReason ?? ''}`);
    if (entry.supersededBy.length > 0) doc.text(`   superseded by ${entry.supersededBy.join(', ')}`);
    doc.text(`   hash ${entry.hash}`);
  }

  const last = entries.at(-1);
  if (last) {
    heading('Deadlines missed or met late');
    const late = computeClocks(entries.map(toChildEvent), englandDateOf(last.metadata.recordedAt)).filter(isFailureOfDuty);
    if (late.length === 0) doc.text('None.');
    for (const clock of late) {
      doc.text(`${clock.title} (${clock.legalSource}): due ${clock.dueDateWithExceptions ?? clock.dueDate}; ${words(clock.state)} by ${clock.daysLate} days` +
        `${clock.exceptionApplied ? `; ${clock.daysLateWithoutExceptions} days without the exception claimed` : ''}`);
    }
    // As of the day of the tree head the bundle is proved against: the day it was exported.
    const on = englandDateOf(head.timestamp);
    heading(`Promises and their legal force, as of ${on}`);
    for (const promise of childPromises(entries, on)) {
      doc.text(`Section ${promise.section} (${words(promise.legalForce.kind)}; duty on ${promise.legalForce.dutyOn}): ${promise.terms.description}. ` +
        `${standingWords(promise)}; ${deliveryWords(promise)}.`);
    }
  }
  doc.end();
  return done;
}
