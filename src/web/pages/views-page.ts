import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import type { ChildRecordAsOf } from '../../application/child-record-as-of.js';
import { participationOf } from '../../application/participation-of.js';
import { recordDecision } from '../../application/record-decision.js';
import { VIEWS_WHOSE } from '../../domain/child-record/vocabulary.js';
import type { Actor } from '../../ledger/envelope.js';
import { dateInputFrom, dateInputItems, dateInputOf, type DateInputValue } from '../forms/date-input.js';
import { formRefusal, type FormFields } from '../forms/form-errors.js';
import { definedOnly, formBody, textField } from '../forms/form-values.js';
import { holdsTheRights } from '../presenters/reader-relationship.js';
import { ABOUT_CHOICES, findingInWords, HOW_CHOICES, subjectsOf, viewsInWords, whoseInWords } from '../presenters/views-in-words.js';
import { childFrame, type ChildFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

type ChildParams = { Params: { childId: string } };

/** Whose views are the reader's own, when they record or read them as the family. */
const OWN_SIDE: Record<string, string> = { parent_carer: 'parent_carer', young_person: 'young_person' };

/**
 * The views, wishes and feelings recorded for the child (CFA 2014 s.19), and for every decision whether the
 * family's views were recorded before it; and "Record my views", a decision recorded like any other.
 */
export function registerViewsPages(app: FastifyInstance, services: LedgerServices): void {
  app.get<ChildParams>('/children/:childId/views', async (request, reply) => {
    const reader = readerOf(request);
    const found = await childFrame(services, reader, request.params.childId, 'views', 'views');
    if (!found) return pageNotFound(request, reply);
    const { record } = found.known;
    const rightsHolder = holdsTheRights(found.known.access);
    const readerSide = rightsHolder ? (OWN_SIDE[reader.actor.role] ?? null) : null;
    const dataOf = new Map(found.known.entries.map((e) => [e.eventId, e.data as Record<string, unknown>]));
    const findings = participationOf(found.known)
      .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn))
      .map((finding) => findingInWords(finding, dataOf.get(finding.decisionEventId), found.frame.name, readerSide));
    const views = [...record.views].reverse().map((v) => viewsInWords(v, record, found.frame.name, reader.actor.id));
    const before = findings.filter((f) => f.tag.colour === 'green').length;
    return renderPage(request, reply, 'views.njk', {
      pageTitle: `Views – ${found.frame.name}`,
      frame: found.frame,
      rightsHolder,
      views,
      findings,
      summary: findings.length
        ? `Views were recorded before ${before} of the ${findings.length} ${findings.length === 1 ? 'decision' : 'decisions'} in ${found.frame.name}'s record.`
        : `No decision has been recorded about ${found.frame.name} yet.`,
    });
  });

  app.get<ChildParams>('/children/:childId/views/new', async (request, reply) => {
    const reader = readerOf(request);
    const found = await childFrame(services, reader, request.params.childId, 'views', 'views-new');
    if (!found) return pageNotFound(request, reply);
    const own = holdsTheRights(found.known.access) ? OWN_SIDE[reader.actor.role] : undefined;
    const parent = found.known.record.parentCarers.find((p) => p.personId === reader.actor.id);
    return viewsForm(request, reply, found, {
      values: own ? { whose: own, givenByName: reader.actor.displayName, givenByRelationship: parent?.relationship ?? (own === 'young_person' ? 'Young person' : undefined) } : {},
      givenOn: dateInputOf(),
      idempotencyKey: randomUUID(),
    });
  });

  app.post<ChildParams>('/children/:childId/views/new', async (request, reply) => {
    const reader = readerOf(request);
    const { childId } = request.params;
    const found = await childFrame(services, reader, childId, 'views', 'views-new');
    if (!found) return pageNotFound(request, reply);
    const body = formBody(request.body);
    const givenOn = dateInputFrom(body, 'givenOn');
    const values: ViewsFormValues = {
      whose: textField(body, 'whose'),
      how: textField(body, 'how'),
      givenByName: textField(body, 'givenByName'),
      givenByRelationship: textField(body, 'givenByRelationship'),
      summary: textField(body, 'summary'),
      aboutKind: textField(body, 'aboutKind'),
      aboutSubject: textField(body, 'aboutSubject'),
    };
    const idempotencyKey = textField(body, 'idempotencyKey') ?? randomUUID();
    const about = values.aboutKind || values.aboutSubject ? definedOnly({ kind: values.aboutKind, subjectId: values.aboutSubject }) : undefined;
    const sent = {
      input: definedOnly({
        whose: values.whose,
        how: values.how,
        givenBy: definedOnly({ name: values.givenByName, relationship: values.givenByRelationship }),
        summary: values.summary,
        about,
      }),
      options: definedOnly({ occurredAt: givenOn.iso, idempotencyKey }),
    };
    let deduplicated = false;
    try {
      ({ deduplicated } = await recordDecision(services, reader.actor, 'recordViews', { childId, ...sent, correlationId: request.id, causationId: request.id }));
    } catch (error) {
      const refusal = formRefusal(error, viewsFields(givenOn, found.frame.name, reader.actor), sent, '#whose');
      if (!refusal) throw error;
      if (refusal.kind === 'not_found') return pageNotFound(request, reply);
      return viewsForm(request, reply, found, { values, givenOn, idempotencyKey, ...refusal });
    }
    request.session.set('success', deduplicated ? 'These views were already recorded.' : `The views are recorded in ${found.frame.name}'s record.`);
    return reply.redirect(`/children/${childId}/views`, 303);
  });
}

interface ViewsFormValues {
  whose?: string | undefined;
  how?: string | undefined;
  givenByName?: string | undefined;
  givenByRelationship?: string | undefined;
  summary?: string | undefined;
  aboutKind?: string | undefined;
  aboutSubject?: string | undefined;
}

/** The form's fields, by the request paths the application layer names in a refusal. */
function viewsFields(givenOn: DateInputValue, childName: string, actor: Actor): FormFields {
  const ownOnly = actor.role === 'parent_carer' || actor.role === 'young_person'
    ? `You can record only your own views here. ${childName}'s views are recorded by whoever heard them, for example the school or the local authority`
    : 'Select whose views these are';
  return {
    'input.whose': { id: 'whose', label: 'Whose views these are', kind: 'choice', messages: { missing: 'Select whose views these are', rules: { 'views-not-own': ownOnly } } },
    'input.how': { id: 'how', label: 'How the views were given', kind: 'choice', messages: { missing: 'Select how the views were given' } },
    'input.givenBy.name': { id: 'givenByName', label: 'The name of the person who gave them', messages: { missing: 'Enter the name of the person who gave the views' } },
    'input.givenBy.relationship': { id: 'givenByRelationship', label: 'Their relationship to the child', messages: { missing: `Enter their relationship to ${childName}` } },
    'input.givenBy': { id: 'givenByName', label: 'Who gave the views' },
    'input.summary': { id: 'summary', label: 'The views', messages: { missing: 'Enter the views' } },
    'input.about.kind': { id: 'aboutKind', label: 'What the views are about', kind: 'choice', messages: { missing: 'Select what the views are about' } },
    'input.about.subjectId': { id: 'aboutSubject', label: 'Which decision or plan', kind: 'choice' },
    'input.about': { id: 'aboutKind', label: 'What the views are about', kind: 'choice' },
    'options.occurredAt': {
      id: 'givenOn',
      label: 'The date the views were given',
      kind: 'date',
      date: givenOn,
      messages: { rules: { 'occurred-in-future': 'The date the views were given must be today or in the past' } },
    },
  };
}

interface ViewsFormState {
  values: ViewsFormValues;
  givenOn: DateInputValue;
  idempotencyKey: string;
  errorSummary?: Array<{ text: string; href: string }>;
  errors?: Record<string, string>;
}

function viewsForm(request: FastifyRequest, reply: FastifyReply, found: { known: ChildRecordAsOf; frame: ChildFrame }, state: ViewsFormState) {
  const { frame, known } = found;
  const { values } = state;
  const rightsHolder = holdsTheRights(known.access);
  return renderPage(request, reply, 'record-views.njk', {
    pageTitle: `Record views – ${frame.name}`,
    backLink: { href: `/children/${frame.childId}/views` },
    frame,
    rightsHolder,
    values,
    idempotencyKey: state.idempotencyKey,
    errors: state.errors ?? {},
    errorSummary: state.errorSummary ?? [],
    whoseItems: VIEWS_WHOSE.map((value) => ({ value, text: whoseInWords(value, frame.name), checked: values.whose === value })),
    howItems: HOW_CHOICES.map((choice) => ({ ...choice, checked: values.how === choice.value })),
    aboutItems: ABOUT_CHOICES.map((choice) => ({ ...choice, checked: values.aboutKind === choice.value })),
    subjectItems: [
      { value: '', text: 'Not one in particular' },
      ...subjectsOf(known.record).map((subject) => ({ ...subject, selected: values.aboutSubject === subject.value })),
    ],
    givenOnItems: dateInputItems(state.givenOn, Boolean(state.errors?.['givenOn'])),
  });
}
