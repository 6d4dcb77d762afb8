import { isErasedData } from '../../domain/child-record/events.js';
import type { JsonValue } from '../../ledger/envelope.js';
import { longDate } from './dates.js';
import { authorityInWords, entryReference, namedPerson, supportNamed, type EntryContext, type RecordedEntry } from './entry-in-words.js';
import * as words from './record-vocabulary.js';

/** One line of what an entry says: a label and its value in words (a list when the entry gives several). */
export interface DataLine {
  key: string;
  value: string | string[];
}

type Value = JsonValue | undefined;
type Field = { label: string; value?: (value: Value, entry: RecordedEntry, context: EntryContext) => string | string[] };

const text = (value: Value) => (typeof value === 'string' ? value : String(value));
const yesNo = (value: Value) => (value === true ? 'Yes' : 'No');
const date = (value: Value) => longDate(text(value));
const obj = (value: Value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue>) : {});
const list = (value: Value) => (Array.isArray(value) ? value : []);
const each = (f: (value: string) => string) => (value: Value) => list(value).map((v) => f(text(v)));
const person = (value: Value) => namedPerson(obj(value) as { name: string; role: string });
const setting = (value: Value) => text(obj(value)['name']);
/** A promise named by an entry, in its words at the time (a variation names it as it was before the change). */
const support = (value: Value, entry: RecordedEntry, context: EntryContext) => supportNamed(context, text(value), entry.eventId, entry.type === 'ProvisionVaried');
const enumOf = (f: (value: string) => string) => (value: Value) => f(text(value));
const deliveredBy = (value: Value) => {
  const d = obj(value);
  return `${text(d['role'])}, ${text(d['organisation'])}${d['qualification'] ? ` (${text(d['qualification'])})` : ''}`;
};

/**
 * Every field an entry may carry, with its label and how its value reads. A field not listed here is an id, a
 * hash or bookkeeping: it is not shown in words, and the entry's "Ledger details" give it as stored.
 */
const FIELDS: Record<string, Field> = {
  displayName: { label: 'Name' },
  dateOfBirth: { label: 'Date of birth', value: date },
  laCode: { label: 'Local authority (DfE code)' },
  settingName: { label: 'School or setting' },
  relationship: { label: 'Relationship to the child' },
  parentalResponsibility: { label: 'Parental responsibility', value: yesNo },
  area: { label: 'Area of need', value: enumOf((v) => words.capitalised(words.areaOfNeed(v))) },
  rank: { label: 'Main or other need', value: enumOf((v) => words.capitalised(words.needRank(v))) },
  description: { label: 'Description' },
  assessmentSummary: { label: 'What the assessment found' },
  outcomes: { label: 'Outcomes to work towards', value: (v) => list(v).map(text) },
  reviewDueOn: { label: 'To be reviewed by', value: date },
  targetsSetWith: { label: 'Targets set with', value: each((v) => words.capitalised(words.targetSetter(v))) },
  outcomesMet: { label: 'Outcomes met', value: enumOf((v) => words.capitalised(words.outcomesMet(v))) },
  progress: { label: 'Progress' },
  nextStep: { label: 'Next step', value: enumOf((v) => words.capitalised(words.nextStep(v))) },
  requestedBy: { label: 'Requested by', value: enumOf((v) => words.capitalised(words.assessmentRequester(v))) },
  requesterDescription: { label: 'Who asked' },
  reasons: { label: 'Reasons' },
  adviceType: { label: 'Kind of advice', value: enumOf((v) => words.capitalised(words.adviceType(v))) },
  adviceRequestId: {
    label: 'Advice asked for',
    value: (v, _e, context) => {
      const asked = context.adviceRequests.get(text(v));
      return asked ? `${words.capitalised(words.adviceType(asked.adviceType))} advice from ${asked.organisation}` : 'Advice asked for earlier';
    },
  },
  from: { label: 'Asked of', value: (v) => (typeof v === 'string' ? date(v) : `${text(obj(v)['organisation'])} (${text(obj(v)['role'])})`) },
  summary: { label: 'Summary' },
  namedSetting: { label: 'School or setting named (section I)', value: setting },
  reason: { label: 'Why' },
  detail: { label: 'Detail' },
  provisionId: { label: 'Support', value: support },
  section: { label: 'Where it was promised', value: enumOf((v) => words.capitalised(words.provisionSection(v))) },
  deliveredBy: {
    label: 'Delivered by',
    value: (v) => (obj(v)['name'] ? person(v) : deliveredBy(v)),
  },
  frequency: { label: 'How often', value: (v) => words.capitalised(words.frequencyInWords(obj(v) as { sessions: number; per: string })) },
  minutesPerSession: { label: 'How long each session lasts', value: (v) => words.minutesInWords(Number(v)) },
  groupSize: { label: 'Group', value: (v) => words.capitalised(words.groupInWords(Number(v))) },
  startDate: { label: 'Starts', value: date },
  endDate: { label: 'Ends', value: date },
  localOfferServiceId: { label: 'In the Local Offer', value: () => 'Yes: a service the local authority lists in its Local Offer' },
  authority: { label: 'On the authority of', value: (v) => authorityInWords(obj(v) as { name: string; role: string; reference?: string }) },
  sessions: { label: 'Sessions', value: (v) => String(v) },
  minutes: { label: 'Time in all', value: (v) => words.minutesInWords(Number(v)) },
  notes: { label: 'Notes' },
  periodFrom: { label: 'Missed from', value: date },
  periodTo: { label: 'Missed until', value: date },
  sessionsMissed: { label: 'Sessions missed', value: (v) => String(v) },
  decision: { label: 'Decision', value: enumOf((v) => words.capitalised(words.reviewDecision(v))) },
  transfer: { label: 'Move', value: enumOf((v) => words.capitalised(words.transition(v))) },
  transition: { label: 'Move', value: enumOf((v) => words.capitalised(words.transition(v))) },
  startsOn: { label: 'Starts there on', value: date },
  subject: { label: 'What was signed off', value: enumOf((v) => words.capitalised(words.signOffSubject(v))) },
  signatory: { label: 'Signed by', value: person },
  statement: { label: 'Statement' },
  fromSetting: { label: 'From', value: setting },
  toSetting: { label: 'To', value: setting },
  actions: {
    label: 'Actions',
    value: (v) => list(v).map((a) => `${text(obj(a)['description'])}: ${person(obj(a)['owner'])}, by ${date(obj(a)['dueOn'])}`),
  },
  actionId: { label: 'Action', value: (v, _e, context) => context.actions.get(text(v)) ?? 'An action of the transition plan' },
  cutAtRevision: { label: 'The record as it stood at entry number', value: (v) => String(Number(v) + 1) },
  openProvisionIds: { label: 'Promises still owed', value: (v, e, context) => list(v).map((id) => support(id, e, context)) },
  acceptedProvisionIds: { label: 'Promises accepted', value: (v, e, context) => list(v).map((id) => support(id, e, context)) },
  disputedProvisions: {
    label: 'Promises disputed',
    value: (v, e, context) => list(v).map((p) => `${support(obj(p)['provisionId'], e, context)}: ${text(obj(p)['reason'])}`),
  },
  against: { label: 'Against', value: enumOf((v) => words.capitalised(words.appealableDecision(v))) },
  toLaCode: { label: 'To the local authority (DfE code)' },
  fromLaCode: { label: 'From the local authority (DfE code)' },
  moveDate: { label: 'Date of the move', value: date },
  learnedOn: { label: 'Learned of on', value: date },
  reviewBy: { label: 'Review by', value: date },
  ground: { label: 'Ground', value: enumOf((v) => words.capitalised(words.exceptionGround(v))) },
  to: {
    label: 'To',
    value: (v) => (typeof v === 'string' ? date(v) : `The ${words.granteeRole(text(obj(v)['role']))} at ${text(obj(v)['organisation'])}${obj(v)['personId'] ? ' (one named person)' : ''}`),
  },
  on: { label: 'On', value: date },
  whose: { label: 'Whose views', value: enumOf((v) => words.capitalised(words.whoseViews(v))) },
  how: { label: 'How they were given', value: enumOf((v) => words.capitalised(words.viewsHow(v))) },
  givenBy: { label: 'Given by', value: (v) => `${text(obj(v)['name'])} (${text(obj(v)['relationship'])})` },
  about: { label: 'About', value: (v) => words.capitalised(words.viewsAbout(text(obj(v)['kind']))) },
  meeting: { label: 'Meeting', value: enumOf((v) => words.capitalised(words.meeting(v))) },
  meetingDate: { label: 'Meeting date', value: date },
  invitees: { label: 'Invited', value: each((v) => words.capitalised(words.invitee(v))) },
  decisionEventId: { label: 'Decision', value: (v, _e, context) => words.capitalised(entryReference(context, text(v))) },
  notifiedTo: { label: 'Told', value: enumOf((v) => words.capitalised(words.rightsHolder(v))) },
  rightsExplained: {
    label: 'Rights explained',
    value: (v) => [`Mediation: ${yesNo(obj(v)['mediation'])}`, `Appeal: ${yesNo(obj(v)['appeal'])}`],
  },
  hasCapacity: { label: 'Can make these decisions', value: yesNo },
  decisionScope: { label: 'Decisions it covers' },
  assessedBy: { label: 'Assessed by', value: person },
  organisation: { label: 'Organisation' },
  service: { label: 'Service', value: enumOf((v) => words.capitalised(words.involvedService(v))) },
  involvementId: {
    label: 'Involvement',
    value: (v, _e, context) => context.involvements.get(text(v))?.organisation ?? 'A service involved earlier',
  },
  grantId: {
    label: 'Consent',
    value: (v, _e, context) => {
      const grant = context.grants.get(text(v));
      return grant ? `Given to the ${words.granteeRole(grant.role)} at ${grant.organisation}` : 'Consent given earlier';
    },
  },
  scope: { label: 'May read', value: each((v) => words.capitalised(words.consentScope(v))) },
  expiresOn: { label: 'Until', value: date },
  purpose: { label: 'Purpose' },
  madeBy: { label: 'Made by the local authority (DfE code)' },
  provisionSummary: { label: 'Provision' },
  namedSchool: { label: 'School named', value: setting },
  iepSummary: { label: 'Individual education plan' },
  externalSupport: { label: 'Outside support' },
  placedBy: { label: 'Placed by', value: person },
  retentionRule: { label: 'Retention rule' },
  supersedesEventId: { label: 'Corrects', value: (v, _e, context) => words.capitalised(entryReference(context, text(v))) },
  correctedOccurredAt: { label: 'It happened on', value: date },
  retracted: { label: 'Made in error and no longer counts', value: (v) => (v === true ? 'Yes' : '') },
};

/** The id an entry itself gives (a grant's own id on the grant): shown as the entry, not as a reference to it. */
const HIDDEN: Field = { label: '', value: () => '' };

/** Fields whose label depends on the entry type. */
const BY_TYPE: Record<string, Record<string, Field>> = {
  ProvisionPromised: { provisionId: HIDDEN },
  AdviceRequested: { adviceRequestId: HIDDEN },
  ProfessionalInvolved: { involvementId: HIDDEN },
  ConsentGranted: { grantId: HIDDEN },
  SignedOff: { section: { label: 'Section of the EHC plan', value: (v) => `Section ${text(v)}` } },
  PlanCeased: { reason: { label: 'Why', value: enumOf((v) => words.capitalised(words.ceaseReason(v))) } },
  ChildRecordErased: { reason: { label: 'Why', value: enumOf((v) => words.capitalised(words.erasureReason(v))) } },
  ProvisionVaried: { changes: { label: 'What changed' } },
  EntryCorrected: { correctedData: { label: 'Corrected details' } },
};

/** Everything an entry's data says, field by field, in words; ids and hashes are left to its ledger details. */
export function entryDataInWords(entry: RecordedEntry, context: EntryContext): DataLine[] {
  if (isErasedData(entry.data)) return [{ key: 'What it said', value: "Erased with the child's record" }];
  return linesOf(entry.data, entry, context);
}

function linesOf(data: Record<string, JsonValue>, entry: RecordedEntry, context: EntryContext, prefix = ''): DataLine[] {
  const lines: Array<DataLine & { field: string }> = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    const field = BY_TYPE[entry.type]?.[key] ?? FIELDS[key];
    if (!field) continue;
    if (!field.value && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // A nested part (a variation's changes, a correction's new data): its own fields, labelled under it.
      lines.push(...linesOf(value, entry, context, `${prefix}${field.label}: `).map((line) => ({ ...line, field: key })));
      continue;
    }
    const shown = field.value ? field.value(value, entry, context) : text(value);
    if (Array.isArray(shown) ? shown.length === 0 : shown === '') continue;
    lines.push({ key: `${prefix}${field.label}`, value: shown, field: key });
  }
  return lines.sort((a, b) => rank(a.field) - rank(b.field)).map(({ key, value }) => ({ key, value }));
}

/** What a family looks for first (what it is about, what it says), then the rest in the order of FIELDS, the reasons last. */
const FIRST = ['provisionId', 'changes', 'correctedData', 'description', 'summary', 'decision', 'displayName'];
const LAST = ['authority', 'reason', 'detail', 'notes'];
const ORDER = [...FIRST, ...Object.keys(FIELDS).filter((field) => !FIRST.includes(field) && !LAST.includes(field)), ...LAST];
const rank = (field: string) => {
  const i = ORDER.indexOf(field);
  return i === -1 ? ORDER.length : i;
};
