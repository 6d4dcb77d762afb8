import type { PositionedChildEvent } from '../../../src/domain/access/read-access.js';
import type { ChildEventData, ChildEventType } from '../../../src/domain/child-record/events.js';
import type { Role } from '../../../src/domain/roles.js';
import type { Actor } from '../../../src/ledger/envelope.js';

export const actor = (role: Role, organisation: string, id = `${role}@${organisation}`): Actor => ({ id, displayName: `A ${role}`, role, organisation });

export const ids = {
  child: '00000000-0000-4000-8000-000000000001',
  parent: '00000000-0000-4000-8000-0000000000a1',
  otherParent: '00000000-0000-4000-8000-0000000000a2',
  youngPerson: '00000000-0000-4000-8000-0000000000b1',
  handover: '00000000-0000-4000-8000-0000000000c1',
  involvement: '00000000-0000-4000-8000-0000000000d1',
  grant: '00000000-0000-4000-8000-0000000000e1',
  secondGrant: '00000000-0000-4000-8000-0000000000e2',
  move: '00000000-0000-4000-8000-0000000000f1',
  plan: '00000000-0000-4000-8000-0000000000f2',
} as const;

export const la = actor('la_officer', '202');
export const school = actor('senco', '100001');
export const secondary = actor('senco', '100002');
export const parent = actor('parent_carer', 'family', ids.parent);

/** A child's stream built entry by entry: each recorded on its day, revisions from 0. */
export class Stream {
  readonly events: PositionedChildEvent[] = [];

  add<T extends ChildEventType>(type: T, data: ChildEventData<T>, by: Actor, on: string): this {
    const revision = this.events.length;
    this.events.push({
      type,
      data,
      eventId: `00000000-0000-4000-9000-${String(revision).padStart(12, '0')}`,
      occurredAt: `${on}T10:00:00.000Z`,
      recordedAt: `${on}T10:00:00.000Z`,
      actor: by,
      streamRevision: revision,
    } as PositionedChildEvent);
    return this;
  }

  get head(): number {
    return this.events.length - 1;
  }
}

/** A child born 2015-03-01 (rights pass in 2031), registered by LA 202 on roll at 100001, with a parent with parental responsibility. */
export function registeredChild(dateOfBirth = '2015-03-01'): Stream {
  return new Stream()
    .add('ChildRegistered', { childId: ids.child, displayName: 'Child A', dateOfBirth, laCode: '202', settingUrn: '100001', settingName: 'Hillside Primary' }, la, '2024-01-08')
    .add('ParentCarerRecorded', { personId: ids.parent, displayName: 'Pat Parent', relationship: 'Mother', parentalResponsibility: true }, la, '2024-01-09');
}
