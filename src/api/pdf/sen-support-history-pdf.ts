import type { SenSupportHistory } from '../../web/presenters/sen-support-history.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';

export interface SenSupportHistoryDocument {
  childName: string;
  dateOfBirth: string | null;
  setting: string | null;
  /** The day the history is printed as of: "overdue" is judged on it. */
  today: string;
  history: SenSupportHistory;
}

/**
 * The SEN support history on paper: every cycle in the order planned, with the same words as the page, so what a
 * SENCo sends the LA with a request for assessment is what the record says.
 */
export async function renderSenSupportHistoryPdf(document: SenSupportHistoryDocument): Promise<Buffer> {
  // Loaded on first use, as the handover pack's is: most requests never make a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `SEN support history – ${document.childName}`, Producer: 'SEND Ledger' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
  const label = (text: string) => doc.moveDown(0.3).font('Helvetica-Bold').text(text).font('Helvetica');
  const line = (text: string) => doc.text(text);

  doc.font('Helvetica-Bold').fontSize(18).text('SEN support: the graduated approach');
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  line(`${document.childName}${document.dateOfBirth ? `, born ${ukDate(document.dateOfBirth)}` : ''}${document.setting ? `, at ${document.setting}` : ''}.`);
  line(`Printed from the record as it stood on ${ukDate(document.today)}.`);
  doc.moveDown(0.3);
  line(document.history.summary);

  for (const cycle of document.history.cycles) {
    heading(`Cycle ${cycle.number}: planned on ${cycle.plannedOn} by ${cycle.plannedBy}`);
    label('Assess: what the assessment found');
    line(cycle.assessmentSummary);
    label('Plan: outcomes');
    for (const outcome of cycle.outcomes) line(`- ${outcome}`);
    line(cycle.targetsSetWith ?? 'Who set the targets was not recorded.');
    label('Do: provision for this cycle');
    if (cycle.provision.length === 0) line('No provision was recorded against this cycle.');
    for (const provision of cycle.provision) {
      line(`- ${provision.description}. ${provision.deliveredBy}; ${provision.howOften}. ${provision.when}.`);
      line(`  ${provision.delivered}.`);
    }
    label('Review');
    line(`${cycle.reviewDue}.`);
    if (cycle.review) {
      line(`Reviewed on ${cycle.review.on} by ${cycle.review.by}. ${cycle.review.outcomesMet}.`);
      line(`Progress: ${cycle.review.progress}`);
      line(`Next step: ${cycle.review.nextStep}.`);
    } else {
      line('Not reviewed yet.');
    }
  }
  doc.end();
  return done;
}
