import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { recordDecision } from '../../application/record-decision.js';
import { IDENTIFIER_SCHEMES, identifierName, type IdentifierScheme } from '../../domain/identifiers/pupil-identifiers.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../domain/roles.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, textField } from '../forms/form-values.js';
import { longDate } from '../presenters/dates.js';
import { personWithRole } from '../presenters/roles.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

type ChildParams = { Params: { childId: string } };
type SchemeParams = { Params: { childId: string; scheme: string } };

const HINTS: Record<IdentifierScheme, string> = {
  upn: 'The Unique Pupil Number: 13 characters, a check letter then 12 digits (a temporary UPN ends in a letter)',
  uln: 'The Unique Learner Number: 10 digits',
  nhs_number: 'The NHS number: 10 digits (spaces are fine)',
};

const isScheme = (scheme: string): scheme is IdentifierScheme => (IDENTIFIER_SCHEMES as readonly string[]).includes(scheme);

/**
 * The child's national identifiers, for the LA and the school that work with them: each checked by its check letter or
 * digit when recorded, and a decision not to disclose one in returns, lists and transfer files (an adopted child's
 * previous UPN, a safeguarding risk) recorded with its reason. The family reads them in the record itself.
 */
export function registerIdentifiersPages(app: FastifyInstance, services: LedgerServices): void {
  const frameFor = async (request: FastifyRequest, childId: string, what: string) => {
    const reader = readerOf(request);
    const role = reader.actor.role as Role;
    if (!LOCAL_AUTHORITY_ROLES.includes(role) && !SETTING_ROLES.includes(role)) return null;
    return childFrame(services, reader, childId, 'identifiers', what);
  };

  app.get<ChildParams>('/children/:childId/identifiers', async (request, reply) => {
    const found = await frameFor(request, request.params.childId, 'identifiers');
    if (!found) return pageNotFound(request, reply);
    return identifiersPage(request, reply, found.frame, found.known.record, {});
  });

  app.post<ChildParams>('/children/:childId/identifiers', async (request, reply) => {
    const { childId } = request.params;
    const found = await frameFor(request, childId, 'identifiers');
    if (!found) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const values = { scheme: textField(body, 'scheme'), value: textField(body, 'value') };
    const sent = { input: definedOnly(values), options: {} };
    try {
      await recordDecision(services, readerOf(request).actor, 'recordIdentifier', { childId, ...sent, correlationId: request.id, causationId: request.id });
    } catch (error) {
      const refusal = formRefusal(error, RECORD_FIELDS, sent, '#scheme');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return identifiersPage(request, reply, found.frame, found.known.record, { values, ...refusal });
    }
    request.session.set('success', `${found.frame.name}'s ${identifierName(values.scheme as IdentifierScheme)} was recorded.`);
    return reply.redirect(`/children/${childId}/identifiers`, 303);
  });

  for (const action of ['withhold', 'lift'] as const) {
    app.get<SchemeParams>(`/children/:childId/identifiers/:scheme/${action}`, async (request, reply) => {
      const found = await frameFor(request, request.params.childId, 'identifiers');
      if (!found || !isScheme(request.params.scheme)) return pageNotFound(request, reply);
      return withholdingForm(request, reply, found.frame, request.params.scheme, action, {});
    });

    app.post<SchemeParams>(`/children/:childId/identifiers/:scheme/${action}`, async (request, reply) => {
      const { childId, scheme } = request.params;
      const found = await frameFor(request, childId, 'identifiers');
      if (!found || !isScheme(scheme)) return pageNotFound(request, reply);
      const reason = textField(formBody(request.body), 'reason');
      const sent = { input: definedOnly({ scheme, reason }), options: {} };
      const mutation = action === 'withhold' ? 'withholdIdentifier' : 'liftIdentifierWithholding';
      try {
        await recordDecision(services, readerOf(request).actor, mutation, { childId, ...sent, correlationId: request.id, causationId: request.id });
      } catch (error) {
        const refusal = formRefusal(error, { 'input.reason': { id: 'reason', label: 'The reason', messages: { missing: 'Enter the reason' } }, 'input.scheme': { id: 'reason', label: 'The identifier' } }, sent, '#reason');
        if (!refusal) throw error;
        if (refusal.kind === 'not_found') return pageNotFound(request, reply);
        return withholdingForm(request, reply, found.frame, scheme, action, { reason, ...refusal });
      }
      const name = identifierName(scheme);
      request.session.set('success', action === 'withhold' ? `${name} withheld: returns, lists and transfer files will leave it out.` : `${name} no longer withheld.`);
      return reply.redirect(`/children/${childId}/identifiers`, 303);
    });
  }
}

const RECORD_FIELDS: FormFields = {
  'input.scheme': { id: 'scheme', label: 'Which identifier', kind: 'choice', messages: { missing: 'Select which identifier you are recording' } },
  'input.value': { id: 'value', label: 'The identifier', messages: { missing: 'Enter the identifier' } },
};

interface FormState {
  values?: { scheme?: string | undefined; value?: string | undefined };
  errorSummary?: Array<{ text: string; href: string }>;
  errors?: Record<string, string>;
}

function identifiersPage(
  request: FastifyRequest,
  reply: FastifyReply,
  frame: ChildFrame,
  record: Parameters<typeof identifiersOf>[0],
  state: FormState,
) {
  return renderPage(request, reply, 'identifiers.njk', {
    pageTitle: `Identifiers – ${frame.name}`,
    frame,
    identifiers: identifiersOf(record),
    schemes: IDENTIFIER_SCHEMES.map((scheme) => ({ value: scheme, text: identifierName(scheme), hint: { text: HINTS[scheme] }, checked: state.values?.scheme === scheme })),
    values: state.values ?? {},
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
  });
}

function identifiersOf(record: { identifiers: Partial<Record<IdentifierScheme, { value: string; recorded: { on: string; actor: { displayName: string; role: string } } }>>; withheldIdentifiers: Partial<Record<IdentifierScheme, { reason: string; decided: { on: string; actor: { displayName: string; role: string } } }>> }) {
  return IDENTIFIER_SCHEMES.map((scheme) => {
    const held = record.identifiers[scheme];
    const withheld = record.withheldIdentifiers[scheme];
    return {
      scheme,
      name: identifierName(scheme),
      value: held?.value ?? null,
      recorded: held ? `Recorded by ${personWithRole(held.recorded.actor)} on ${longDate(held.recorded.on)}` : null,
      withheld: withheld ? { reason: withheld.reason, decided: `Decided by ${personWithRole(withheld.decided.actor)} on ${longDate(withheld.decided.on)}` } : null,
    };
  });
}

function withholdingForm(request: FastifyRequest, reply: FastifyReply, frame: ChildFrame, scheme: IdentifierScheme, action: 'withhold' | 'lift', state: { reason?: string | undefined; errorSummary?: Array<{ text: string; href: string }>; errors?: Record<string, string> }) {
  const name = identifierName(scheme);
  return renderPage(request, reply, 'identifier-withholding.njk', {
    pageTitle: `${action === 'withhold' ? `Withhold the ${name}` : `Stop withholding the ${name}`} – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/identifiers` },
    frame,
    scheme,
    name,
    action,
    reason: state.reason,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
  });
}
