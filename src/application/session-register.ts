import { createHash } from 'node:crypto';
import { CHILD_EVENT_SCHEMAS } from '../domain/child-record/events.js';
import { childRecordDecider } from '../domain/child-record/decider.js';
import type { ChildCommand } from '../domain/child-record/commands.js';
import { standingInRecord } from '../domain/child-record/provision-standing.js';
import type { ChildRecord, ProvisionLine } from '../domain/child-record/state.js';
import { authoriseRecording } from '../domain/access/write-permissions.js';
import type { IsoDate } from '../domain/calendar/iso-date.js';
import { NotFound } from '../domain/errors.js';
import { claimedTime } from './append-decision.js';
import { badInputFrom } from './bad-input.js';
import { childrenVisibleTo, readChildRecord, type Reader } from './child-records.js';
import type { LedgerServices } from './ledger-services.js';
import { DECISIONS, EntryOptionsSchema, recordDecision } from './record-decision.js';
import { foldedRecordOf } from './record-views.js';

/**
 * A session register for a group intervention: one session, taken once for every child in the group, recorded as
 * each child's own entry (a delivery, or for a child who missed it with a reason, a shortfall of one session). A
 * register is one act, so every child's entry is judged by the rules that will record it before any is recorded:
 * either all are recorded or none, and a refusal names the child it is about.
 */

export interface GroupMember {
  childId: string;
  name: string;
  provisionId: string;
  line: ProvisionLine;
}

export interface InterventionGroup {
  /** Stable while the intervention is the same: a hash of what makes the group one (see groupKey). */
  groupId: string;
  description: string;
  deliveredBy: ProvisionLine['deliveredBy'];
  minutesPerSession: number;
  frequency: ProvisionLine['frequency'];
  groupSize: number;
  members: GroupMember[];
}

/**
 * A group is the lines of children on roll at the setting that describe the same intervention delivered by the same
 * role there (the SENCo's own wording, compared without case or spacing), and that are group work (a group size above
 * one). Not every line with the same words: one-to-one support of the same name is taken child by child, and a
 * register of one-to-one sessions would record a session nobody shared.
 */
const groupKey = (line: ProvisionLine) =>
  [line.description, line.deliveredBy.role, line.deliveredBy.organisation].map((part) => part.trim().replace(/\s+/g, ' ').toLowerCase()).join('\u0000');
const groupIdOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * The group interventions running today at the setting: for each child on roll there whom the reader may read (each
 * read noted in the access log), the open group lines, gathered by intervention. Children in name order.
 */
export async function interventionGroups(services: LedgerServices, reader: Reader, settingUrn: string, today: IsoDate): Promise<InterventionGroup[]> {
  const groups = new Map<string, InterventionGroup>();
  for (const { childId } of await childrenVisibleTo(services, reader, { settingUrn }, 'record')) {
    const read = await readChildRecord(services, reader, childId, 'record', 'session-register');
    if (!read || read.capped || read.entries.length === 0) continue;
    const record = foldedRecordOf(read.entries);
    if (record.onRoll?.urn !== settingUrn) continue;
    for (const line of Object.values(record.provisions)) {
      if ((line.groupSize ?? 1) < 2 || standingInRecord(record, line, today).status !== 'active') continue;
      const key = groupKey(line);
      const group = groups.get(key) ?? {
        groupId: groupIdOf(key),
        description: line.description,
        deliveredBy: line.deliveredBy,
        minutesPerSession: line.minutesPerSession,
        frequency: line.frequency,
        groupSize: line.groupSize ?? 1,
        members: [],
      };
      group.members.push({ childId, name: record.profile?.displayName ?? 'Child', provisionId: line.provisionId, line });
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((group) => ({ ...group, members: group.members.sort((a, b) => a.name.localeCompare(b.name) || a.provisionId.localeCompare(b.provisionId)) }))
    .sort((a, b) => a.description.localeCompare(b.description));
}

export interface RegisterLine {
  provisionId: string;
  attended: boolean;
  /** Why a child missed the session; an absence with no reason records nothing for that child. */
  absenceReason?: string | undefined;
}

export interface SessionRegister {
  /** The day of the session (YYYY-MM-DD): the entries' claimed date. */
  on: string;
  /** As typed when not a whole number: the entry's schema then refuses it, naming the field. */
  minutes: number | string | undefined;
  deliveredBy: { name?: string | undefined; role?: string | undefined };
  lines: RegisterLine[];
  /** One per register form: sent twice, it records each child's entry once. */
  idempotencyKey: string;
}

export interface RegisterOutcome {
  member: GroupMember;
  what: 'delivered' | 'shortfall' | 'nothing';
  /** Set when the child's entry was refused (then nothing of the register was recorded), or failed while recording. */
  error?: unknown;
  deduplicated?: boolean;
}

type Planned = { member: GroupMember; name: 'recordDelivery' | 'reportShortfall'; input: Record<string, unknown>; options: Record<string, unknown> };

/** Each child's entry, as the form's register asks: a delivery for who attended, a shortfall for who missed it with a reason. */
function plannedEntries(group: InterventionGroup, register: SessionRegister): Array<Planned | { member: GroupMember; name: null }> {
  return group.members.map((member) => {
    const line = register.lines.find((l) => l.provisionId === member.provisionId);
    const options = { occurredAt: register.on };
    if (line?.attended) {
      return {
        member,
        name: 'recordDelivery' as const,
        input: { provisionId: member.provisionId, sessions: 1, minutes: register.minutes, deliveredBy: register.deliveredBy },
        options: { ...options, idempotencyKey: `${register.idempotencyKey}:${member.provisionId}:delivered` },
      };
    }
    if (line?.absenceReason) {
      return {
        member,
        name: 'reportShortfall' as const,
        input: { provisionId: member.provisionId, periodFrom: register.on, periodTo: register.on, sessionsMissed: 1, reason: line.absenceReason },
        options: { ...options, idempotencyKey: `${register.idempotencyKey}:${member.provisionId}:missed` },
      };
    }
    return { member, name: null };
  });
}

/**
 * Judge one child's entry as recordDecision would (the entry's schema, who may record it, the record's rules),
 * without recording it. Throws the same refusals (BadInput, RuleViolation, NotPermitted, NotFound).
 */
function judge(record: ChildRecord, actor: Reader['actor'], planned: Planned, now: Date): void {
  const spec = DECISIONS[planned.name]!;
  const type = spec.record as 'ProvisionDelivered' | 'ShortfallReported';
  const options = EntryOptionsSchema.safeParse(planned.options);
  if (!options.success) throw badInputFrom(options.error, 'options');
  const parsed = CHILD_EVENT_SCHEMAS[type].safeParse(planned.input);
  if (!parsed.success) throw badInputFrom(parsed.error, 'input');
  const occurredAt = claimedTime(options.data.occurredAt, now);
  authoriseRecording(record, actor, type, parsed.data, now);
  childRecordDecider.decide({ record: type, data: parsed.data, actor, occurredAt } as ChildCommand, record);
}

/**
 * Take the register: judge every child's entry first, and record them only if none is refused (each child's
 * record read again for it, and noted in the access log). The outcome lists every child of the group and what was
 * (or, after a refusal, would have been) recorded for them.
 */
export async function takeRegister(
  services: LedgerServices,
  reader: Reader,
  group: InterventionGroup,
  register: SessionRegister,
  request: { correlationId: string; causationId: string },
): Promise<{ recorded: boolean; outcomes: RegisterOutcome[] }> {
  const planned = plannedEntries(group, register);
  const now = services.clock();
  const outcomes: RegisterOutcome[] = [];
  for (const entry of planned) {
    if (entry.name === null) {
      outcomes.push({ member: entry.member, what: 'nothing' });
      continue;
    }
    const what = entry.name === 'recordDelivery' ? 'delivered' : 'shortfall';
    try {
      const read = await readChildRecord(services, reader, entry.member.childId, 'record', 'session-register');
      if (!read || read.entries.length === 0) throw new NotFound('child');
      // A retry of this register already recorded this child's entry: nothing to judge, recordDecision answers it again.
      if (!read.entries.some((e) => e.metadata.idempotencyKey === entry.options['idempotencyKey'] && e.metadata.actor.id === reader.actor.id)) {
        judge(foldedRecordOf(read.entries), reader.actor, entry, now);
      }
      outcomes.push({ member: entry.member, what });
    } catch (error) {
      outcomes.push({ member: entry.member, what, error });
    }
  }
  if (outcomes.some((o) => o.error !== undefined)) return { recorded: false, outcomes };

  for (const [index, entry] of planned.entries()) {
    if (entry.name === null) continue;
    const outcome = outcomes[index]!;
    try {
      const { deduplicated } = await recordDecision(services, reader.actor, entry.name, { childId: entry.member.childId, input: entry.input, options: entry.options, ...request });
      outcome.deduplicated = deduplicated;
    } catch (error) {
      // Judged a moment ago: only a change in between (another entry on the child's record) refuses it now.
      outcome.error = error;
    }
  }
  return { recorded: true, outcomes };
}
