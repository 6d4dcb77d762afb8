import type { HandoverPack } from '../../../projections/handover-pack.js';
import { assessSpecificity } from '../../domain/provision-quality/specificity.js';
import { deliveryWords, settingPartWords, standingWords, totalWords } from '../../reports/promise-wording.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';
import { ORDER_HOW_WORDS, limitInWords, orderStandingInWords, orderWhat } from '../../reports/tribunal-bundle/tribunal-order-words.js';

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '-');
const words = (value: string) => value.replaceAll('_', ' ');

/** The pack on paper, for the receiving setting's file and for a tribunal bundle. Same content as the query. */
export async function renderHandoverPackPdf(
  pack: HandoverPack & { packHash: string; matchesRecordedHash: boolean | null; recordedPackHash: string | null; recordedFormat: number | null },
): Promise<Buffer> {
  // Loaded on first use: pdfkit and its fonts are a sixth of the server's start-up, and most requests never make a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Handover pack ${pack.childId}`, Producer: 'SEND Ledger' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
  const line = (text: string) => doc.text(text);

  doc.font('Helvetica-Bold').fontSize(18).text('Handover pack');
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  line(`${pack.child.displayName}, born ${pack.child.dateOfBirth}, local authority ${pack.child.laCode}; on roll at the cut: ${pack.child.settingName ?? '-'}`);
  line(`As of ${pack.cutAt.on}. Cut at stream revision ${pack.cutAt.streamRevision} (global position ${pack.cutAt.globalPosition}), last entry recorded ${pack.cutAt.recordedAt}`);
  line(`Entry hash at the cut: ${pack.cutAt.hash}`);
  line(`Pack hash (SHA-256 of RFC 8785 bytes, format ${pack.format}): ${pack.packHash}`);
  if (pack.matchesRecordedHash === true && pack.recordedFormat === pack.format) line('This pack matches the hash recorded when the handover was issued.');
  if (pack.matchesRecordedHash === true && pack.recordedFormat !== pack.format) {
    line(`The handover recorded the hash of its pack in format ${pack.recordedFormat} (${pack.recordedPackHash}); rebuilt in that format from the same entries, the pack matches it. ` +
      `It is shown here in format ${pack.format}, whose open promises are the lines still owed on ${pack.cutAt.on}.`);
  }
  if (pack.matchesRecordedHash === false) line('WARNING: this pack does NOT match the hash recorded when the handover was issued.');

  heading('EHC plan');
  if (pack.currentPlan) {
    const plan = pack.currentPlan;
    line(`Status ${plan.status}${plan.origin === 'statement_transfer' ? ' (transferred from a statement)' : ''}; draft ${day(plan.draftIssuedOn)}; final ${day(plan.finalIssuedOn)}; ${plan.amendments} amendment(s)`);
    line(`Section I names ${plan.namedSetting ? `${plan.namedSetting.name}${plan.namedSetting.urn ? ` (URN ${plan.namedSetting.urn})` : ''}` : 'no setting yet'}`);
    if (plan.lastReview) line(`Last annual review ${day(plan.lastReview.on)}: ${plan.lastReview.decision}`);
  } else line('No EHC plan in force (SEN support).');

  // Format 3: a pack rebuilt from an older handover still has these fields (it is shown in the current format).
  const planFlags = pack.goldenThreadFlags.filter((flag) => flag.provisionId === null);
  if (planFlags.length > 0) {
    heading('Golden thread flags on the plan');
    for (const flag of planFlags) line(`- ${flag.explanation}`);
  }

  heading(`Tribunal orders still to be complied with (${pack.tribunalOrders.length})`);
  if (pack.tribunalOrders.length === 0) line('None.');
  for (const order of pack.tribunalOrders) {
    doc.font('Helvetica-Bold').text(orderWhat(order)).font('Helvetica');
    line(`${ORDER_HOW_WORDS[order.how]}, on ${ukDate(order.madeOn)}${order.tribunalReference ? ` (appeal ${order.tribunalReference})` : ''}: "${order.wording}"`);
    for (const limit of order.limits) line(`  Time limit: ${limitInWords(limit, pack.cutAt.on)}.`);
    line(`  Where it stands on ${ukDate(pack.cutAt.on)}: ${orderStandingInWords(order)}.`);
    doc.moveDown(0.4);
  }

  heading('Needs');
  for (const need of pack.needs) line(`${need.rank}: ${words(need.area)} - ${need.description}`);
  if (pack.outcomes.length > 0) {
    heading('Outcomes');
    for (const outcome of pack.outcomes) line(`- ${outcome}`);
  }

  heading(`Open promises on ${pack.cutAt.on} (${pack.openPromises.length})`);
  if (pack.openPromises.length === 0) line('None.');
  for (const promise of pack.openPromises) {
    const t = promise.terms;
    doc.font('Helvetica-Bold').text(`Section ${promise.section}: ${t.description}`).font('Helvetica');
    line(`Delivered by ${t.deliveredBy.role}${t.deliveredBy.qualification ? ` (${t.deliveredBy.qualification})` : ''}, ${t.deliveredBy.organisation}; ` +
      `${t.frequency.sessions} per ${words(t.frequency.per)} x ${t.minutesPerSession} min${t.groupSize ? `, group of ${t.groupSize}` : ''}; from ${t.startDate}${t.endDate ? ` to ${t.endDate}` : ''}`);
    line(`Legal force: ${words(promise.legalForce.kind)}, duty on ${promise.legalForce.dutyOn} (${promise.legalForce.source})`);
    line(`Promised ${day(promise.promisedAt)} by ${promise.promisedBy.displayName} (${promise.promisedBy.role}, ${promise.promisedBy.organisation}) on the authority of ${promise.authority.name}, ${promise.authority.role}`);
    for (const version of promise.history.slice(1)) line(`  ${version.kind} ${day(version.occurredAt)} by ${version.actor.displayName}: ${version.reason ?? ''}`);
    line(`${standingWords(promise)}. ${totalWords(promise)}; ${promise.delivery.shortfalls.length} shortfall report(s)`);
    if (promise.delivery.settingParts.length > 1) for (const part of promise.delivery.settingParts) line(`  ${settingPartWords(part)}`);
    for (const flag of assessSpecificity(t, promise.section)) line(`  Not specific (${flag.severity}): ${flag.message}`);
    for (const flag of pack.goldenThreadFlags.filter((f) => f.provisionId === promise.provisionId)) line(`  Golden thread: ${flag.explanation}`);
    doc.moveDown(0.4);
  }

  heading(`No longer owed on ${pack.cutAt.on} (${pack.endedPromises.length}), listed for the history`);
  if (pack.endedPromises.length === 0) line('None.');
  for (const promise of pack.endedPromises) {
    line(`Section ${promise.section}: ${promise.terms.description}. ${standingWords(promise)}. ${deliveryWords(promise)}.`);
  }

  heading('Deadlines not yet met');
  if (pack.upcomingDeadlines.length === 0) line('None.');
  for (const clock of pack.upcomingDeadlines) {
    line(`${clock.title} (${clock.legalSource}): due ${clock.dueDateWithExceptions ?? clock.dueDate ?? 'as soon as reasonably practicable'} - ${words(clock.state)}${clock.daysLate ? `, ${clock.daysLate} days late` : ''}`);
  }

  heading('Transition plans');
  if (pack.transitions.length === 0) line('None.');
  for (const transition of pack.transitions) {
    line(`${words(transition.transition)} to ${transition.toSetting ?? '-'}`);
    for (const action of transition.actions) line(`  ${action.doneOn ? 'done' : 'open'}: ${action.description} (${action.owner}, due ${action.dueOn})`);
  }

  heading('Open disputes');
  if (pack.openDisputes.length === 0) line('None.');
  for (const dispute of pack.openDisputes) line(`${words(dispute.kind)} since ${day(dispute.since)}: ${dispute.detail}`);

  doc.end();
  return done;
}
