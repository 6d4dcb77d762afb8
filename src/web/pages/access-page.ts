import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { readChildRecord } from '../../application/child-records.js';
import { recordDecision } from '../../application/record-decision.js';
import { ACCESS_LOG_READ_CAP, whoReadTheRecord } from '../../application/who-read-the-record.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { RuleViolation } from '../../domain/errors.js';
import { CONSENT_SCOPES, GRANTEE_ROLES } from '../../domain/child-record/vocabulary.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, listField, textField } from '../forms/form-values.js';
import { accessEntryInWords, grantInWords, namingFor, SCOPE_WORDS } from '../presenters/access-in-words.js';
import { longDate } from '../presenters/dates.js';
import { holdsTheRights } from '../presenters/reader-relationship.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';
import { pageOf } from '../../application/paging.js';
import { cursorPagination, webPageRequest, withCursor, type CursorQuery } from '../presenters/pagination.js';

type ChildParams = { Params: { childId: string } };
type GrantParams = { Params: { childId: string; grantId: string } };

/** How many reads of the record one page of the log shows. */
const PER_PAGE = 20;

/**
 * Who has looked at the child's record (the access log, newest first, refused attempts too) and who may (every
 * consent grant): only the rights holder reads these pages. The rights holder gives an advocate or the tribunal
 * access here, for what and until when, and takes it back: both are decisions recorded in the ledger.
 */
export function registerAccessPages(app: FastifyInstance, services: LedgerServices): void {
  const today = () => englandDateOf(services.clock().toISOString());

  /**
   * The page frame, for the rights holder only: anyone else reads these pages as not found. Asked first as a read
   * of who may read the record, so that someone who may read the record but not this (an advocate) is logged as
   * refused, not as having read the record.
   */
  const rightsHolderFrame = async (request: FastifyRequest, childId: string, what: string) => {
    const reader = readerOf(request);
    if (!(await readChildRecord(services, reader, childId, 'access_log', what))) return null;
    const found = await childFrame(services, reader, childId, 'access', what);
    return found && holdsTheRights(found.known.access) ? found : null;
  };

  app.get<ChildParams & { Querystring: CursorQuery & { others?: string } }>('/children/:childId/access', async (request, reply) => {
    const reader = readerOf(request);
    const { childId } = request.params;
    // The log first: someone who may not read it is refused before anything of the record is read for them.
    const log = /^[0-9a-f-]{36}$/i.test(childId) ? await whoReadTheRecord(services, reader, childId, ACCESS_LOG_READ_CAP) : null;
    if (!log) return pageNotFound(request, reply);
    // Whose log it is, as far as the log's reader may know: a privacy officer reads the log, not the record.
    const found = await childFrame(services, reader, childId, 'access', 'access', 'access_log');
    if (!found) return pageNotFound(request, reply);
    const { record, entries } = found.known;

    const naming = namingFor(record, reader.actor.id, [...log.map((e) => e.actor), ...entries.map((e) => e.metadata.actor)]);
    // "Only other people": a family mostly wants to see who else looked, not their own visits.
    const othersOnly = request.query.others === 'only';
    const listed = othersOnly ? log.filter((entry) => entry.actor.id !== reader.actor.id) : log;
    // Newest first by place in the log: a read logged while someone pages (their own, each page) comes before their cursor.
    const page = pageOf(listed, (entry) => [-entry.sequence], webPageRequest('access', request.query, PER_PAGE));
    const shown = page.nodes.map((entry) => accessEntryInWords(entry, naming));
    // Access still in force first, then the newest.
    const grants = Object.values(record.consentGrants)
      .sort((a, b) => b.granted.on.localeCompare(a.granted.on))
      .map((grant) => grantInWords(grant, today(), naming))
      .sort((a, b) => Number(b.active) - Number(a.active));
    const base = `/children/${childId}/access`;
    const filters = new URLSearchParams(othersOnly ? { others: 'only' } : {});
    const pagination = cursorPagination(page, (cursor) => `${withCursor(base, filters, cursor)}#who-has-looked`, 'Pages of who has looked');
    return renderPage(request, reply, 'access.njk', {
      pageTitle: `Who has looked at the record – ${found.frame.name}`,
      frame: found.frame,
      grants,
      canGrant: holdsTheRights(found.known.access),
      log: shown,
      total: listed.length,
      othersOnly,
      toggleHref: othersOnly ? `${base}#who-has-looked` : `${base}?others=only#who-has-looked`,
      firstShown: (page.offset ?? 0) + 1,
      lastShown: (page.offset ?? 0) + shown.length,
      pagination: pagination && {
        previous: pagination.previous && { ...pagination.previous, text: 'Newer' },
        next: pagination.next && { ...pagination.next, text: 'Older' },
        landmarkLabel: pagination.landmarkLabel,
      },
    });
  });

  app.get<ChildParams>('/children/:childId/access/grant', async (request, reply) => {
    const found = await rightsHolderFrame(request, request.params.childId, 'access-grant');
    if (!found) return pageNotFound(request, reply);
    return grantForm(request, reply, found.frame, { values: { scope: ['record'] }, expiresOn: dateInputOf(), idempotencyKey: randomUUID() });
  });

  app.post<ChildParams>('/children/:childId/access/grant', async (request, reply) => {
    const { childId } = request.params;
    const found = await rightsHolderFrame(request, childId, 'access-grant');
    if (!found) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const expiresOn = dateInputFrom(body, 'expiresOn');
    const values = {
      organisation: textField(body, 'organisation'),
      role: textField(body, 'role'),
      personId: textField(body, 'personId'),
      scope: listField(body, 'scope'),
      purpose: textField(body, 'purpose'),
    };
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    const sent = {
      input: definedOnly({
        to: definedOnly({ organisation: values.organisation, role: values.role, personId: values.personId }),
        scope: values.scope,
        expiresOn: expiresOn.iso,
        purpose: values.purpose,
      }),
      options: { idempotencyKey },
    };
    let deduplicated = false;
    try {
      ({ deduplicated } = await recordDecision(services, readerOf(request).actor, 'grantConsent', { childId, ...sent, correlationId: request.id, causationId: request.id }));
    } catch (error) {
      const refusal = formRefusal(error, grantFields(expiresOn), sent, '#organisation');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return grantForm(request, reply, found.frame, { values, expiresOn, idempotencyKey, ...refusal });
    }
    // The same form sent twice (a second click, the back button) records it once: say so rather than claim a second grant.
    request.session.set('success', deduplicated ? 'This access had already been given: nothing new was recorded.' : `${values.organisation} can now read ${found.frame.name}'s record, until the end of ${longDate(expiresOn.iso)}.`);
    return reply.redirect(`/children/${childId}/access`, 303);
  });

  app.get<GrantParams>('/children/:childId/access/grants/:grantId/revoke', async (request, reply) => {
    const found = await rightsHolderFrame(request, request.params.childId, 'access-revoke');
    const grant = found?.known.record.consentGrants[request.params.grantId];
    if (!found || !grant) return pageNotFound(request, reply);
    if (grant.revoked) return reply.redirect(`/children/${request.params.childId}/access`, 303);
    return revokeForm(request, reply, found.frame, grantInWords(grant, today(), namingFor(found.known.record, readerOf(request).actor.id, [])), {});
  });

  app.post<GrantParams>('/children/:childId/access/grants/:grantId/revoke', async (request, reply) => {
    const { childId, grantId } = request.params;
    const found = await rightsHolderFrame(request, childId, 'access-revoke');
    const grant = found?.known.record.consentGrants[grantId];
    if (!found || !grant) return pageNotFound(request, reply);
    const reason = textField(formBody(request.body), 'reason');
    const sent = { input: definedOnly({ grantId, reason }), options: {} };
    try {
      await recordDecision(services, readerOf(request).actor, 'revokeConsent', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      // Sent twice (a second click): the first took it back, which is what was asked.
      if (error instanceof RuleViolation && error.rule === 'consent-revoked') {
        request.session.set('success', `${grant.to.organisation}'s access had already been taken back.`);
        return reply.redirect(`/children/${childId}/access`, 303);
      }
      const refusal = formRefusal(error, { 'input.reason': { id: 'reason', label: 'The reason' } }, sent, '#reason');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      const naming = namingFor(found.known.record, readerOf(request).actor.id, []);
      return revokeForm(request, reply, found.frame, grantInWords(grant, today(), naming), { reason, ...refusal });
    }
    request.session.set('success', `${grant.to.organisation} can no longer read ${found.frame.name}'s record.`);
    return reply.redirect(`/children/${childId}/access`, 303);
  });
}

/** The grant form's fields, by the request paths the application layer names in a refusal. */
const grantFields = (expiresOn: DateInputValue): FormFields => ({
  'input.to.organisation': { id: 'organisation', label: "The organisation's name", messages: { missing: 'Enter the name of the organisation' } },
  'input.to.role': { id: 'role', label: 'Who you are giving access to', kind: 'choice', messages: { missing: 'Select whether you are giving access to an advocate or to the tribunal' } },
  'input.to.personId': { id: 'personId', label: "The person's sign-in ID" },
  'input.to': { id: 'organisation', label: 'Who you are giving access to' },
  'input.scope': { id: 'scope', label: 'What they may see', kind: 'choices', messages: { missing: 'Select at least one thing they may see' } },
  'input.expiresOn': { id: 'expiresOn', label: 'The date access ends', kind: 'date', date: expiresOn, messages: { missing: 'Enter the date access ends' } },
  'input.purpose': { id: 'purpose', label: 'Why they need access', messages: { missing: 'Enter why they need access' } },
});

interface GrantFormState {
  values: { organisation?: string | undefined; role?: string | undefined; personId?: string | undefined; scope?: string[]; purpose?: string | undefined };
  expiresOn: DateInputValue;
  idempotencyKey: string;
  errorSummary?: Array<{ text: string; href: string }>;
  errors?: Record<string, string>;
}

function grantForm(request: FastifyRequest, reply: FastifyReply, frame: { childId: string; name: string }, state: GrantFormState) {
  const scope = state.values.scope ?? [];
  return renderPage(request, reply, 'grant-access.njk', {
    pageTitle: `Give someone access – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/access` },
    frame,
    values: state.values,
    idempotencyKey: state.idempotencyKey,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    roles: GRANTEE_ROLES.map((role) => ({
      value: role,
      text: role === 'advocate' ? 'An advocate' : 'The First-tier Tribunal (SEND)',
      hint: { text: role === 'advocate' ? 'For example SENDIASS, IPSEA or a solicitor helping you' : 'The tribunal hearing an appeal about your child' },
      checked: state.values.role === role,
    })),
    scopes: CONSENT_SCOPES.map((value) => ({ value, text: SCOPE_WORDS[value], checked: scope.includes(value) })),
    expiresOnItems: dateInputItems(state.expiresOn, Boolean(state.errors?.['expiresOn'])),
  });
}

function revokeForm(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: { childId: string; name: string },
  grant: ReturnType<typeof grantInWords>,
  state: { reason?: string | undefined; errorSummary?: Array<{ text: string; href: string }>; errors?: Record<string, string> },
) {
  return renderPage(request, reply, 'access-revoke.njk', {
    pageTitle: `Take back access – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/access` },
    frame,
    grant,
    reason: state.reason,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
  });
}
