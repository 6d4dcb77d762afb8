/**
 * Participation and historic-record fixtures: extra actors, ids, and entry builders for the specs of
 * ViewsRecorded, MeetingInvitationSent, DecisionNotified, CapacityAssessed and the 2001-Code entries.
 */
import type { ChildEventData } from '../../src/domain/child-record/events.js';
import type { Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/ledger/envelope.js';

const actor = (role: Role, id: string, displayName: string, organisation: string): Actor => ({ id, displayName, role, organisation });

export const youngPerson = actor('young_person', 'yp-1', 'Young Person A', 'Self');
export const advocate = actor('advocate', 'advocate-1', 'Ada Advocate', 'IPSEA');
export const inspector = actor('inspector', 'inspector-1', 'Ian Inspector', 'Ofsted');
export const healthProfessional = actor('health_professional', 'health-1', 'Hana Health', 'NCL ICB');
/** An officer of another LA (Islington, 206). */
export const otherLaOfficer = actor('la_officer', 'la-officer-2', 'Olly Officer', '206');

export const pids = {
  views: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa01',
  secondViews: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa02',
  thirdViews: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa03',
  invitation: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb01',
  secondInvitation: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb02',
  notification: 'cccccccc-cccc-4ccc-8ccc-cccccccccc01',
  secondNotification: 'cccccccc-cccc-4ccc-8ccc-cccccccccc02',
  assessment: 'dddddddd-dddd-4ddd-8ddd-dddddddddd01',
  secondAssessment: 'dddddddd-dddd-4ddd-8ddd-dddddddddd02',
  statement: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeee01',
  secondStatement: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeee02',
  transferredPlan: 'ffffffff-ffff-4fff-8fff-ffffffffff01',
  provision: 'ffffffff-ffff-4fff-8fff-ffffffffff02',
} as const;

export const parentViews = (overrides: Partial<ChildEventData<'ViewsRecorded'>> = {}): ChildEventData<'ViewsRecorded'> => ({
  viewsId: pids.views,
  whose: 'parent_carer',
  how: 'written',
  givenBy: { name: 'Pat Parent', relationship: 'Mother' },
  summary: 'Speech is the biggest barrier; she wants to make friends and join in at playtime.',
  ...overrides,
});

export const childViews = (overrides: Partial<ChildEventData<'ViewsRecorded'>> = {}): ChildEventData<'ViewsRecorded'> => ({
  viewsId: pids.secondViews,
  whose: 'child',
  how: 'conversation',
  givenBy: { name: 'Child A', relationship: 'The child' },
  summary: 'Likes drawing; finds it hard when people do not understand her.',
  ...overrides,
});

export const invitationData = (overrides: Partial<ChildEventData<'MeetingInvitationSent'>> = {}): ChildEventData<'MeetingInvitationSent'> => ({
  invitationId: pids.invitation,
  meeting: 'annual_review',
  meetingDate: '2026-05-10',
  invitees: ['parent_carer', 'child', 'school', 'health', 'la'],
  ...overrides,
});

export const noticeData = (decisionEventId: string, overrides: Partial<ChildEventData<'DecisionNotified'>> = {}): ChildEventData<'DecisionNotified'> => ({
  notificationId: pids.notification,
  decisionEventId,
  notifiedTo: 'parent_carer',
  rightsExplained: { mediation: true, appeal: true },
  ...overrides,
});

export const capacityData = (overrides: Partial<ChildEventData<'CapacityAssessed'>> = {}): ChildEventData<'CapacityAssessed'> => ({
  assessmentId: pids.assessment,
  hasCapacity: false,
  decisionScope: 'Decisions about the EHC plan and placement',
  assessedBy: { name: 'Dr Dee', role: 'Consultant psychiatrist' },
  ...overrides,
});
