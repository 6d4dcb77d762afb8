import { addMonths } from '../../calendar/iso-date.js';
import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../roles.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { NOTIFIABLE_DECISION_TYPES, type NotifiableDecisionType } from '../vocabulary.js';
import { dateOf, planOf, requireLocalAuthority, requireNew, requireNotBefore, requireNotCeased } from './guards.js';

/**
 * Participation (CFA 2014 s.19): the record keeps whose views were heard and when, who was invited to the
 * meetings, and when the family was told of each decision and of their rights. These rules keep the entries
 * well-formed; whether a decision was taken with the family is a finding (src/domain/participation), not a
 * refusal, because the law's remedy for a decision taken without views is a challenge, not an unrecordable decision.
 */

const has = (roles: readonly Role[], actor: { role: string }) => roles.includes(actor.role as Role);

/** Roles that record on their own account only: a parent records the parent's views, a young person their own. */
const OWN_VIEWS_ONLY: Partial<Record<string, 'parent_carer' | 'young_person'>> = { parent_carer: 'parent_carer', young_person: 'young_person' };

/** What looks like contact data: an email address or a UK phone number. The views stay in the record for good. */
const CONTACT_DATA = [/[^\s@]+@[^\s@]+\.[a-z]{2,}/i, /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/];

function requireNoContactData(value: string, field: string): void {
  if (CONTACT_DATA.some((pattern) => pattern.test(value))) {
    throw new RuleViolation('contact-data-in-views', 'leave out email addresses and phone numbers: the record keeps views, not contact details', field);
  }
}

/** CFA 2014 s.19: anyone working with the child may record views given to them; a parent or young person records their own. */
export function viewsRecorded(command: CommandOf<'ViewsRecorded'>, record: ChildRecord): void {
  const { data, actor } = command;
  if (actor.role === 'inspector') throw new NotPermitted('an inspector reads the record and does not add to it');
  const own = OWN_VIEWS_ONLY[actor.role];
  if (own !== undefined && data.whose !== own) {
    throw new RuleViolation('views-not-own', `as ${own.replace('_', ' ')} you record your own views (whose: '${own}'); others' views are recorded by whoever heard them`, 'whose');
  }
  requireNew(record.views.some((v) => v.viewsId === data.viewsId), 'duplicate-id', 'views with this id', 'viewsId');
  if (data.about?.kind === 'general' && data.about.subjectId !== undefined) {
    throw new RuleViolation('general-views-with-subject', 'general views are about no one decision: leave out subjectId, or say what they are about', 'about.subjectId');
  }
  requireNoContactData(data.summary, 'summary');
  requireNoContactData(data.givenBy.name, 'givenBy.name');
  requireNoContactData(data.givenBy.relationship, 'givenBy.relationship');
}

/** Regs 20(3): the review meeting's invitations; CoP 6.65: SEN support reviews with the parents. Sent by the LA or the setting. */
export function meetingInvitationSent(command: CommandOf<'MeetingInvitationSent'>, record: ChildRecord): void {
  const { data, actor } = command;
  if (has(LOCAL_AUTHORITY_ROLES, actor)) requireLocalAuthority(actor, record, 'send invitations to a meeting about the child');
  else if (!has(SETTING_ROLES, actor)) throw new NotPermitted(`invitations are sent by the local authority or the child's setting (your role is ${actor.role})`);
  requireNew(record.meetingInvitations.some((i) => i.invitationId === data.invitationId), 'duplicate-id', 'an invitation with this id', 'invitationId');
  if (data.meetingDate < dateOf(command.occurredAt)) {
    throw new RuleViolation('invitation-after-meeting', `an invitation is sent before the meeting (meetingDate ${data.meetingDate})`, 'meetingDate');
  }
  if (data.subjectId === undefined) return;
  if (data.meeting === 'sen_support_review') {
    if (!record.senSupportCycles[data.subjectId]) {
      throw new RuleViolation('unknown-sen-support-cycle', `this child has no SEN support cycle with id ${data.subjectId}`, 'subjectId');
    }
  } else if (data.meeting === 'annual_review' || data.meeting === 'cease_consultation') {
    requireNotCeased(planOf(record, data.subjectId, 'subjectId'), 'subjectId');
  }
}

const isNotifiable = (type: string): type is NotifiableDecisionType => (NOTIFIABLE_DECISION_TYPES as readonly string[]).includes(type);

/**
 * The family was told of a decision on the entry's date. The decision must be in the record (in force) and
 * be one the family is told of; the notice cannot precede it. The LA records notices of its decisions; the
 * setting (or the LA) of an SEN support plan.
 */
export function decisionNotified(command: CommandOf<'DecisionNotified'>, record: ChildRecord): void {
  const { data, actor } = command;
  requireNew(record.decisionNotices.some((n) => n.notificationId === data.notificationId), 'duplicate-id', 'a notice with this id', 'notificationId');
  const decision = record.history.find((e) => e.eventId === data.decisionEventId && e.type !== 'EntryCorrected');
  if (!decision) {
    throw new RuleViolation('unknown-decision', `this child's record has no entry ${data.decisionEventId} in force`, 'decisionEventId');
  }
  if (!isNotifiable(decision.type)) {
    throw new RuleViolation('not-a-notifiable-decision', `entry ${data.decisionEventId} is a ${decision.type}, not a decision the family is notified of (${NOTIFIABLE_DECISION_TYPES.join(', ')})`, 'decisionEventId');
  }
  if (decision.type === 'SenSupportCyclePlanned') {
    if (has(LOCAL_AUTHORITY_ROLES, actor)) requireLocalAuthority(actor, record, 'record that the family was told of an SEN support plan');
    else if (!has(SETTING_ROLES, actor)) throw new NotPermitted('the setting (or the LA) records that the family was told of an SEN support plan');
  } else {
    requireLocalAuthority(actor, record, 'record that the family was told of a decision');
  }
  requireNotBefore(command.occurredAt, decision.occurredAt, 'notified-before-decision', 'the family cannot be told of a decision before it was made');
}

/** Who may record an MCA assessment: the LA, or the professional who assessed (never the family, an inspector or the tribunal). */
const CAPACITY_RECORDERS: readonly Role[] = ['la_officer', 'health_professional', 'social_worker', 'educational_psychologist', 'senco', 'headteacher'];

/** MCA 2005 ss.2-3; CFA 2014 s.80. MCA powers are not exercisable for a person under 16 (MCA 2005 s.2(5)). */
export function capacityAssessed(command: CommandOf<'CapacityAssessed'>, record: ChildRecord): void {
  const { data, actor } = command;
  if (!has(CAPACITY_RECORDERS, actor)) throw new NotPermitted(`a capacity assessment is recorded by the LA or the professional who made it (your role is ${actor.role})`);
  if (has(LOCAL_AUTHORITY_ROLES, actor)) requireLocalAuthority(actor, record, 'record a capacity assessment');
  requireNew(record.capacityAssessments.some((a) => a.assessmentId === data.assessmentId), 'duplicate-id', 'a capacity assessment with this id', 'assessmentId');
  const dateOfBirth = record.profile?.dateOfBirth;
  if (dateOfBirth !== undefined) {
    const sixteenth = addMonths(dateOfBirth, 16 * 12);
    if (dateOf(command.occurredAt) < sixteenth) {
      throw new RuleViolation('capacity-under-16', `the Mental Capacity Act 2005 applies from 16 (s.2(5)); the child is 16 on ${sixteenth}`, 'occurredAt');
    }
  }
}
