import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadInput } from '../../application/bad-input.js';
import { commonTransferFileOf, type CommonTransferFileExport } from '../../application/common-transfer-file-of.js';
import { importCommonTransferFile, type CommonTransferFileReconciliation } from '../../application/import-common-transfer-file.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../domain/roles.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { SEN_PROVISION_WORDS } from '../../domain/transfer-file/ctf-sen-sections.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, textField } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage, type ErrorSummaryItem } from './page.js';

type ChildParams = { Params: { childId: string } };
type TransferParams = { Params: { childId: string; transferId: string } };
type Found = NonNullable<Awaited<ReturnType<typeof childFrame>>>;

const isSchoolStaff = (request: FastifyRequest) => SETTING_ROLES.includes(readerOf(request).actor.role as Role);
const readsTheFile = (request: FastifyRequest) => isSchoolStaff(request) || LOCAL_AUTHORITY_ROLES.includes(readerOf(request).actor.role as Role);

/** The 15-school-day limit in words: "Send by 19 January 2026", then whether it was met. */
function limitInWords(clock: StatutoryClock | null): { text: string; state: string } {
  if (!clock) return { text: 'No time limit runs for this leaving', state: '' };
  const due = `Send by ${longDate(clock.dueDate)}`;
  switch (clock.state) {
    case 'met_on_time':
      return { text: due, state: `Sent in time, on ${longDate(clock.stoppedBy!.on)}` };
    case 'met_late':
      return { text: due, state: `Sent late, on ${longDate(clock.stoppedBy!.on)} (${clock.daysLate} days late)` };
    case 'missed':
      return { text: due, state: `Not sent: ${clock.daysLate} days late` };
    case 'due_soon':
      return { text: due, state: 'Due soon' };
    default:
      return { text: due, state: 'Not yet due' };
  }
}

const LEFT_FIELDS: FormFields = {
  'input.leftOn': { id: 'leftOn', label: 'The day the pupil left the roll', kind: 'date' },
  'input.destination.name': { id: 'destinationName', label: 'The next school' },
  'input.destination.urn': { id: 'destinationUrn', label: "The next school's URN", messages: { invalid: "Enter the next school's URN as 6 or 7 digits" } },
};
const SEND_FILE_FIELDS: FormFields = {
  'input.to.name': { id: 'sendFileTo', label: 'Who the SEN file went to', messages: { missing: 'Enter the school the SEN file went to' } },
  'input.to.urn': { id: 'sendFileUrn', label: "That school's URN", messages: { invalid: "Enter that school's URN as 6 or 7 digits" } },
  'input.contents': { id: 'sendFileContents', label: 'What the SEN file held', messages: { missing: 'Say what the SEN file held' } },
};

interface PageState {
  errorSummary?: ErrorSummaryItem[];
  errors?: Record<string, string>;
  values?: Record<string, string | undefined>;
  leftOn?: DateInputValue;
}

/**
 * The Common Transfer File for school staff (the school on roll, or one the pupil left that still owes its files) and
 * the LA: each leaving with its 15-school-day limit, the SEN sections to download, and the forms that record the
 * pupil leaving, the file sent and the SEN file sent and received. And the page where a school brings in a CTF it
 * received, matched and reconciled with the ledger.
 */
export function registerCommonTransferFilePages(app: FastifyInstance, services: LedgerServices): void {
  const frameOf = (request: FastifyRequest, childId: string, what: string) => childFrame(services, readerOf(request), childId, 'common-transfer-file', what);

  const ctfPage = async (request: FastifyRequest, reply: FastifyReply, found: Found, ctf: CommonTransferFileExport, state: PageState = {}) => {
    const actor = readerOf(request).actor;
    const { record } = ctf;
    const school = isSchoolStaff(request);
    const owed = ctf.leavings.find(({ leaving }) => leaving.setting.urn === actor.organisation && !leaving.ctfSent);
    return renderPage(request, reply, 'common-transfer-file.njk', {
      pageTitle: `Common Transfer File – ${found.frame.name}`,
      frame: found.frame,
      errorSummary: state.errorSummary ?? [],
      errors: state.errors ?? {},
      values: state.values ?? {},
      leftOnItems: dateInputItems(state.leftOn ?? dateInputOf(), Boolean(state.errors?.['leftOn'])),
      canLeave: school && !found.known.capped && record.onRoll?.urn === actor.organisation,
      canSend: school,
      owed: owed ? { leavingId: owed.leaving.leavingId, to: owed.leaving.destination?.name ?? null } : null,
      sha256: ctf.sha256,
      downloadHref: `/children/${found.frame.childId}/common-transfer-file.xml`,
      leavings: ctf.leavings.map(({ leaving, clock }) => ({
        school: leaving.setting.name,
        leftOn: longDate(leaving.leftOn),
        destination: leaving.destination?.name ?? 'Not recorded',
        limit: limitInWords(clock),
      })),
      history: ctf.sections.history.map((s) => ({ status: SEN_PROVISION_WORDS[s.provision], from: longDate(s.startDate) })),
      needs: ctf.sections.needs.map((n) => ({ rank: n.rank, type: n.type, identifiedOn: n.identifiedOn ? longDate(n.identifiedOn) : 'Not held' })),
      leftOut: ctf.leftOut,
      sendFiles: Object.values(record.sendFileTransfers)
        .sort((a, b) => a.sent.on.localeCompare(b.sent.on))
        .map((t) => ({
          transferId: t.transferId,
          to: t.to.name,
          contents: t.contents,
          sent: `${longDate(t.sent.on)} by ${t.sent.actor.displayName}`,
          received: t.received ? `${longDate(t.received.on)}, signed for by ${t.received.receivedBy.name} (${t.received.receivedBy.role})` : null,
          canReceive: school && !t.received && t.to.urn === actor.organisation,
        })),
      importHref: '/common-transfer-file/import',
    });
  };

  const load = async (request: FastifyRequest, childId: string, what: string) => {
    if (!readsTheFile(request)) return null;
    const found = await frameOf(request, childId, what);
    if (!found) return null;
    const ctf = await commonTransferFileOf(services, readerOf(request), childId);
    return ctf ? { found, ctf } : null;
  };

  /** Record through the one write path; a refusal is shown on the page, with nothing recorded. */
  const attempt = async (
    request: FastifyRequest,
    reply: FastifyReply,
    childId: string,
    mutation: string,
    sent: { input: Record<string, unknown> },
    fields: FormFields,
    fallback: string,
    state: PageState,
    success: string,
  ) => {
    const loaded = await load(request, childId, `common-transfer-file-${mutation}`);
    if (!loaded) return pageNotFound(request, reply);
    try {
      await recordDecision(services, readerOf(request).actor, mutation, { childId, input: sent.input, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, fields, sent, fallback);
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return ctfPage(request, reply, loaded.found, loaded.ctf, { ...state, errorSummary: refusal.errorSummary, errors: refusal.errors });
    }
    request.session.set('success', success);
    return reply.redirect(`/children/${childId}/common-transfer-file`, 303);
  };

  app.get<ChildParams>('/children/:childId/common-transfer-file', async (request, reply) => {
    const loaded = await load(request, request.params.childId, 'common-transfer-file');
    if (!loaded) return pageNotFound(request, reply);
    return ctfPage(request, reply, loaded.found, loaded.ctf);
  });

  app.get<ChildParams>('/children/:childId/common-transfer-file.xml', async (request, reply) => {
    if (!readsTheFile(request)) return pageNotFound(request, reply);
    const ctf = await commonTransferFileOf(services, readerOf(request), request.params.childId);
    if (!ctf) return pageNotFound(request, reply);
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctf.fileName}"`)
      .send(ctf.xml);
  });

  app.post<ChildParams>('/children/:childId/common-transfer-file/left-roll', async (request, reply) => {
    const { childId } = request.params;
    const body = formBody(request.body);
    const actor = readerOf(request).actor;
    const leftOn = dateInputFrom(body, 'leftOn');
    const values = { destinationName: textField(body, 'destinationName'), destinationUrn: textField(body, 'destinationUrn') };
    const found = isSchoolStaff(request) ? await frameOf(request, childId, 'common-transfer-file-left-roll') : null;
    if (!found) return pageNotFound(request, reply);
    const onRoll = found.known.record.onRoll;
    const input = definedOnly({
      setting: { name: onRoll?.name ?? actor.organisation, urn: actor.organisation },
      leftOn: leftOn.iso,
      destination: values.destinationName || values.destinationUrn ? definedOnly({ name: values.destinationName ?? '', urn: values.destinationUrn }) : undefined,
    });
    return attempt(request, reply, childId, 'recordPupilLeftRoll', { input }, LEFT_FIELDS, '#leftOn-day', { values, leftOn }, 'The pupil leaving your roll is recorded. The Common Transfer File is due within 15 school days.');
  });

  app.post<ChildParams>('/children/:childId/common-transfer-file/sent', async (request, reply) => {
    const { childId } = request.params;
    const body = formBody(request.body);
    if (!isSchoolStaff(request)) return pageNotFound(request, reply);
    const ctf = await commonTransferFileOf(services, readerOf(request), childId);
    if (!ctf) return pageNotFound(request, reply);
    const leaving = ctf.leavings.find(({ leaving: l }) => l.leavingId === textField(body, 'leavingId'))?.leaving;
    // The file recorded as sent must be the one downloaded: the same record gives the same bytes (see commonTransferFileOf).
    if (textField(body, 'sha256') !== ctf.sha256) {
      const found = await frameOf(request, childId, 'common-transfer-file-sent');
      if (!found) return pageNotFound(request, reply);
      const message = 'The record has changed since this page was opened, so the file you downloaded is not the one the ledger would make now. Download the file again, send that one, then record it as sent.';
      return ctfPage(request, reply, found, ctf, { errorSummary: [{ text: message, href: '#record-sent' }], errors: { sent: message } });
    }
    const input = definedOnly({ leavingId: leaving?.leavingId ?? textField(body, 'leavingId') ?? '', sha256: ctf.sha256, to: leaving?.destination });
    return attempt(request, reply, childId, 'recordCommonTransferFileSent', { input }, {}, '#record-sent', {}, 'The Common Transfer File is recorded as sent, with the SHA-256 of the file.');
  });

  app.post<ChildParams>('/children/:childId/common-transfer-file/send-file', async (request, reply) => {
    const { childId } = request.params;
    const body = formBody(request.body);
    if (!isSchoolStaff(request)) return pageNotFound(request, reply);
    const values = { sendFileTo: textField(body, 'sendFileTo'), sendFileUrn: textField(body, 'sendFileUrn'), sendFileContents: textField(body, 'sendFileContents') };
    const input = definedOnly({ to: definedOnly({ name: values.sendFileTo ?? '', urn: values.sendFileUrn }), contents: values.sendFileContents ?? '' });
    return attempt(request, reply, childId, 'recordSendFileTransferred', { input }, SEND_FILE_FIELDS, '#sendFileTo', { values }, 'The SEN file is recorded as sent.');
  });

  app.post<TransferParams>('/children/:childId/common-transfer-file/send-file/:transferId/received', async (request, reply) => {
    const { childId, transferId } = request.params;
    if (!isSchoolStaff(request)) return pageNotFound(request, reply);
    const actor = readerOf(request).actor;
    const input = { transferId, receivedBy: { name: actor.displayName, role: actor.role === 'senco' ? 'SENCo' : 'School staff' } };
    return attempt(request, reply, childId, 'recordSendFileReceived', { input }, {}, `#received-${transferId}`, {}, 'The SEN file is recorded as received.');
  });

  const importPage = (request: FastifyRequest, reply: FastifyReply, data: { result?: CommonTransferFileReconciliation; errorSummary?: ErrorSummaryItem[]; error?: string }) =>
    renderPage(
      request,
      reply,
      'common-transfer-file-import.njk',
      {
        pageTitle: data.result ? 'Common Transfer File reconciled' : 'Bring in a Common Transfer File',
        section: 'transfer-files',
        errorSummary: data.errorSummary ?? [],
        error: data.error ?? null,
        result: data.result ? resultInWords(data.result) : null,
      },
    );

  app.get('/common-transfer-file/import', async (request, reply) => {
    if (!isSchoolStaff(request)) return pageNotFound(request, reply);
    return importPage(request, reply, {});
  });

  app.post('/common-transfer-file/import', async (request, reply) => {
    if (!isSchoolStaff(request)) return pageNotFound(request, reply);
    const file = formBody(request.body)['ctf'];
    const xml = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
    try {
      const result = await importCommonTransferFile(services, readerOf(request), xml, { record: true, correlationId: request.id, causationId: request.id, field: 'ctf' });
      return importPage(request, reply, { result });
    } catch (error) {
      if (!(error instanceof BadInput)) throw error;
      const message = xml.trim() === '' ? 'Select the Common Transfer File to bring in' : `The file is not a Common Transfer File this ledger can read: ${error.issues.map((i) => i.message).join('; ')}`;
      return importPage(request, reply, { errorSummary: [{ text: message, href: '#ctf' }], error: message });
    }
  });
}

/** The entries a difference can name, as a school reads them. */
const ENTRY_WORDS: Record<string, string> = {
  ChildRegistered: 'Child registered',
  NeedsIdentified: 'Need identified',
  SenSupportCyclePlanned: 'SEN support cycle planned',
  SenSupportCycleReviewed: 'SEN support reviewed',
  FinalPlanIssued: 'Final EHC plan issued',
  StatementTransferredToEhcPlan: 'Statement transferred to an EHC plan',
  PlanCeased: 'EHC plan ceased',
  HandoverIssued: 'Handover pack issued',
};

function resultInWords(result: CommonTransferFileReconciliation) {
  const { match } = result;
  return {
    from: result.header.source.name,
    matched: match.matched,
    childName: match.matched ? match.childName : null,
    childHref: match.matched ? `/children/${match.childId}/common-transfer-file` : null,
    by: match.matched ? (match.by === 'upn' ? 'by UPN' : 'by date of birth and name') : null,
    notMatched:
      !match.matched && match.why === 'more_than_one'
        ? 'More than one of your pupils matches this file by date of birth and name. Nothing was recorded.'
        : 'No pupil you can see matches this file. Nothing was recorded.',
    differences: result.differences.map((d) => ({ what: d.what, inFile: d.inFile, inLedger: d.inLedger, entry: d.entry ? `${ENTRY_WORDS[d.entry.type] ?? 'An entry in the record'}, ${longDate(d.entry.on)}` : 'None held' })),
    handoverPack: result.handoverPack ? longDate(result.handoverPack.issuedOn) : null,
    recorded: result.recorded !== null,
  };
}
