import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISIONS as MUTATIONS } from '../../src/application/record-decision.js';
import type { RelationshipKind } from '../../src/domain/access/relationships.js';
import { WRITE_PERMISSIONS } from '../../src/domain/access/write-permissions.js';
import type { ReadKind } from '../../src/domain/access/read-kinds.js';
import type { ChildEventType } from '../../src/domain/child-record/events.js';
import type { Role } from '../../src/domain/roles.js';
import { addParent, mutate, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { VALID_INPUTS } from '../support/mutation-inputs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every role x a child it relates to and one it does not x every query and mutation: allowed, or not found.
 * "Not found" is checked the strict way: the answer about the child is byte for byte the answer about a
 * child that does not exist.
 */

/** What each role reads of a child it relates to (the rules, written out by hand). */
const READS: Record<Role, readonly ReadKind[]> = {
  la_officer: ['record', 'audit_trail', 'handover_pack', 'evidence_export'],
  senco: ['record', 'audit_trail', 'handover_pack'],
  headteacher: ['record', 'audit_trail', 'handover_pack'],
  school_staff: ['record', 'audit_trail', 'handover_pack'],
  parent_carer: ['record', 'audit_trail', 'handover_pack', 'evidence_export', 'access_log', 'subject_access'],
  young_person: ['record', 'audit_trail', 'handover_pack', 'evidence_export', 'access_log', 'subject_access'],
  health_professional: ['record', 'audit_trail'],
  social_worker: ['record', 'audit_trail'],
  educational_psychologist: ['record', 'audit_trail'],
  // Through consent grants with these scopes (set up below).
  advocate: ['record', 'audit_trail', 'evidence_export'],
  tribunal: ['record', 'audit_trail', 'handover_pack', 'evidence_export'],
  privacy_officer: ['access_log', 'subject_access'],
  inspector: [],
};

/** The relationship each related token stands in, for the write table. */
const KIND: Record<Role, RelationshipKind | null> = {
  la_officer: 'local_authority', senco: 'setting', headteacher: 'setting', school_staff: 'setting',
  parent_carer: 'rights_holder', young_person: 'rights_holder', health_professional: 'professional', social_worker: 'professional',
  educational_psychologist: 'professional', advocate: 'consent', tribunal: 'consent', privacy_officer: 'privacy_officer', inspector: null,
};

interface World {
  /** The child every role but the young person relates to (a 12-year-old: the parent holds the rights). */
  child: string;
  /** A 19-year-old whose rights are their own: the young person's child. */
  adult: string;
  related: Record<Role, string>;
  unrelated: Record<Role, string>;
}

const ORGS = { health: 'RKE', socialCare: 'SC202', ep: 'EPS202', advocate: 'IPSEA', tribunal: 'SENDIST' };

async function buildWorld(t: TestApp, withContent: boolean): Promise<World> {
  const la = await t.token('la_officer', '202');
  const child = (await registerChild(t, la, { dateOfBirth: '2013-05-14' })).childId;
  const parent = await addParent(t, la, child);
  await record(t, la, 'recordProfessionalInvolvement', child, { organisation: ORGS.health, service: 'health', description: 'Paediatrics' });
  await record(t, la, 'recordProfessionalInvolvement', child, { organisation: ORGS.socialCare, service: 'social_care', description: 'Child in need' });
  await record(t, la, 'recordProfessionalInvolvement', child, { organisation: ORGS.ep, service: 'educational_psychology', description: 'EP advice' });
  const expiresOn = '2026-12-31';
  await record(t, parent.token, 'grantConsent', child, { to: { organisation: ORGS.advocate, role: 'advocate' }, scope: ['record', 'audit_trail', 'evidence_export'], expiresOn, purpose: 'Appeal' });
  await record(t, parent.token, 'grantConsent', child, { to: { organisation: ORGS.tribunal, role: 'tribunal' }, scope: ['record', 'audit_trail', 'handover_pack', 'evidence_export'], expiresOn, purpose: 'Appeal' });
  if (withContent) {
    const request = await record(t, parent.token, 'requestAssessment', child, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', child, { requestId: request.subjectId, decision: 'assess' });
    const planId = (await record(t, la, 'issueDraftPlan', child, { requestId: request.subjectId })).subjectId!;
    await record(t, la, 'promiseProvision', child, provisionLine(planId));
  }
  const adult = (await registerChild(t, la, { dateOfBirth: '2006-01-10', displayName: 'Adult B (pseudonym)' })).childId;
  const youngPersonId = randomUUID();
  await record(t, la, 'recordYoungPerson', adult, { personId: youngPersonId, displayName: 'Alex' });
  if (withContent) {
    const request = await record(t, la, 'requestAssessment', adult, { requestedBy: 'young_person' });
    await record(t, la, 'decideAssessment', adult, { requestId: request.subjectId, decision: 'assess' });
    const planId = (await record(t, la, 'issueDraftPlan', adult, { requestId: request.subjectId })).subjectId!;
    await record(t, la, 'promiseProvision', adult, provisionLine(planId));
  }

  const related: Record<Role, string> = {
    la_officer: la,
    senco: await t.token('senco', '100001'),
    headteacher: await t.token('headteacher', '100001'),
    school_staff: await t.token('school_staff', '100001'),
    parent_carer: parent.token,
    young_person: await t.token('young_person', 'self', 'Alex', youngPersonId),
    health_professional: await t.token('health_professional', ORGS.health),
    social_worker: await t.token('social_worker', ORGS.socialCare),
    educational_psychologist: await t.token('educational_psychologist', ORGS.ep),
    advocate: await t.token('advocate', ORGS.advocate),
    tribunal: await t.token('tribunal', ORGS.tribunal),
    privacy_officer: await t.token('privacy_officer', '202'),
    inspector: await t.token('inspector', 'Ofsted'),
  };
  const unrelated: Record<Role, string> = {
    la_officer: await t.token('la_officer', '204'),
    senco: await t.token('senco', '100009'),
    headteacher: await t.token('headteacher', '100009'),
    school_staff: await t.token('school_staff', '100009'),
    parent_carer: await t.token('parent_carer', 'family', 'Other Parent', randomUUID()),
    young_person: await t.token('young_person', 'self', 'Other', randomUUID()),
    health_professional: await t.token('health_professional', 'RAL'),
    // A real organisation of another service: the role must match the service involved.
    social_worker: await t.token('social_worker', ORGS.health),
    educational_psychologist: await t.token('educational_psychologist', 'EPS204'),
    advocate: await t.token('advocate', 'SOSSEN'),
    tribunal: await t.token('tribunal', 'OTHER'),
    privacy_officer: await t.token('privacy_officer', '204'),
    inspector: await t.token('inspector', 'Ofsted-2'),
  };
  return { child, adult, related, unrelated };
}

const ROLES = Object.keys(READS) as Role[];
const subjectOf = (world: World, role: Role) => (role === 'young_person' ? world.adult : world.child);

/** Each query about one child, with the kind of read it is. */
const QUERIES: Array<{ name: string; kind: ReadKind; query: string }> = [
  { name: 'child', kind: 'record', query: 'query($id: ID!) { child(id: $id) { id displayName plans { planId status } provisions { provisionId } } }' },
  { name: 'child nested', kind: 'record', query: 'query($id: ID!) { child(id: $id) { parentCarers { displayName } needs { description } } }' },
  { name: 'auditTrail', kind: 'audit_trail', query: 'query($id: ID!) { auditTrail(childId: $id) { headHash entries { nodes { type actor { id } data } } } }' },
  { name: 'promises', kind: 'record', query: 'query($id: ID!) { promises(filter: { childId: $id }) { nodes { provisionId childId terms { description } } } }' },
  { name: 'promiseGroups', kind: 'record', query: 'query($id: ID!) { promiseGroups(filter: { childId: $id }) { kind count promises { nodes { provisionId } } } }' },
  { name: 'deadlines', kind: 'record', query: 'query($id: ID!) { deadlines(childId: $id) { nodes { ruleId childId dueDate } } }' },
  { name: 'participation', kind: 'record', query: 'query($id: ID!) { participation(childId: $id) { children findings { childId } } }' },
  { name: 'rightsHolder', kind: 'record', query: 'query($id: ID!) { rightsHolder(childId: $id) { holder endOfCompulsorySchoolAge } }' },
  { name: 'handoverPack', kind: 'handover_pack', query: 'query($id: ID!) { handoverPack(childId: $id) { childId packHash } }' },
  { name: 'accessLog', kind: 'access_log', query: 'query($id: ID!) { accessLog(childId: $id) { nodes { accessId actor { role } } } }' },
];

/** The same document with the child's id swapped for one that names no child. */
const body = (response: { body: string }, id: string, ghost: string) => response.body.split(id).join(ghost);

describe('access matrix: every role x related/unrelated child x every query', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-06-02T09:00:00Z');
    world = await buildWorld(t, true);
  }, 120_000);
  afterAll(() => t.close());

  for (const role of ROLES) {
    for (const relation of ['related', 'unrelated'] as const) {
      it(`${role}, ${relation}: each query answers, or answers exactly as for a child that does not exist`, async () => {
        const token = world[relation][role];
        const id = subjectOf(world, role);
        for (const { name, kind, query } of QUERIES) {
          const ghost = randomUUID();
          const real = await t.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query, variables: { id } } });
          const none = await t.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query, variables: { id: ghost } } });
          expect(real.statusCode, name).toBe(200);
          const allowed = relation === 'related' && READS[role].includes(kind);
          if (allowed) expect(body(real, id, ghost), `${name} should be readable`).not.toBe(none.body);
          else expect(body(real, id, ghost), `${name} should read as not found`).toBe(none.body);
        }
      });

      it(`${role}, ${relation}: aliases and nested fields in one document are each scoped`, async () => {
        const token = world[relation][role];
        const id = subjectOf(world, role);
        const query = 'query($id: ID!) { a: child(id: $id) { displayName } b: child(id: $id) { id } t: auditTrail(childId: $id) { headHash } l: accessLog(childId: $id) { nodes { accessId } } }';
        const response = await t.gql<Record<string, unknown>>(query, { id }, token);
        const may = (kind: ReadKind) => relation === 'related' && READS[role].includes(kind);
        expect(response.data['a'] !== null).toBe(may('record'));
        expect(response.data['b'] !== null).toBe(may('record'));
        expect(response.data['t'] !== null).toBe(may('audit_trail'));
        expect(response.data['l'] !== null).toBe(may('access_log'));
      });

      it(`${role}, ${relation}: evidence bundle and handover PDF are scoped the same way`, async () => {
        const token = world[relation][role];
        const id = subjectOf(world, role);
        const bundle = await t.app.inject({ method: 'POST', url: `/children/${id}/evidence-bundle`, headers: { authorization: `Bearer ${token}` }, payload: { purpose: 'Matrix test' } });
        const ghostBundle = await t.app.inject({ method: 'POST', url: `/children/${randomUUID()}/evidence-bundle`, headers: { authorization: `Bearer ${token}` }, payload: { purpose: 'Matrix test' } });
        const pdf = await t.app.inject({ method: 'GET', url: `/children/${id}/handover-pack.pdf`, headers: { authorization: `Bearer ${token}` } });
        const mayExport = relation === 'related' && READS[role].includes('evidence_export');
        const mayPack = relation === 'related' && READS[role].includes('handover_pack');
        expect(bundle.statusCode).toBe(mayExport ? 200 : 404);
        if (!mayExport) expect(bundle.body).toBe(ghostBundle.body);
        expect(pdf.statusCode).toBe(mayPack ? 200 : 404);
      });

      it(`${role}, ${relation}: lists name the child only for a current relationship, and never leak it otherwise`, async () => {
        const token = world[relation][role];
        const id = subjectOf(world, role);
        const response = await t.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: { query: '{ promises { nodes { childId } } promiseGroups { promises { nodes { childId } } } deadlines(laCode: "202") { nodes { childId } } participation(laCode: "202") { findings { childId } } }' },
        });
        expect(response.statusCode).toBe(200);
        const data = response.json().data as { promises: { nodes: Array<{ childId: string }> }; deadlines: { nodes: Array<{ childId: string }> } };
        const listed = data.deadlines.nodes.some((c) => c.childId === id);
        expect(listed).toBe(relation === 'related' && READS[role].includes('record'));
        if (!listed) expect(response.body.includes(id)).toBe(false);
        if (role !== 'young_person') expect(data.promises.nodes.some((p) => p.childId === id)).toBe(listed);
      });
    }
  }
});

describe('access matrix: every role x related/unrelated child x every mutation', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every mutation by every role, related and not: more requests from one signed-in person than the per-person limit allows.
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    t.clock.set('2025-06-02T09:00:00Z');
  });
  afterAll(() => t.close());

  const entryOf = (mutation: string): ChildEventType => {
    if (mutation === 'issueHandover') return 'HandoverIssued';
    if (mutation === 'eraseChildRecord') return 'ChildRecordErased';
    const spec = MUTATIONS[mutation]!;
    return typeof spec.record === 'function' ? spec.record(VALID_INPUTS[mutation]!()) : spec.record;
  };
  const mutations = [...Object.keys(MUTATIONS).filter((m) => m !== 'registerChild'), 'issueHandover', 'eraseChildRecord'];

  it('has a valid input for every mutation', () => {
    expect(mutations.filter((m) => !VALID_INPUTS[m])).toEqual([]);
  });

  for (const mutation of mutations) {
    it(`${mutation}: strangers find no child and change nothing; related parties are allowed or refused by the law's roles`, async () => {
      const world = await buildWorld(t, false);
      const type = entryOf(mutation) as Exclude<ChildEventType, 'ChildRegistered'>;
      // Strangers first, then the related parties, the LA last (its erasure would end the record).
      for (const role of ROLES) {
        const id = subjectOf(world, role);
        const before = await t.store.headPosition();
        const stranger = await mutate(t, world.unrelated[role], mutation, id, VALID_INPUTS[mutation]!());
        const ghost = await mutate(t, world.unrelated[role], mutation, randomUUID(), VALID_INPUTS[mutation]!());
        expect(stranger.errors?.[0]?.extensions?.['code'], `${role} stranger`).toBe('NOT_FOUND');
        expect(stranger.errors?.[0]?.message).toBe(ghost.errors?.[0]?.message);
        expect(await t.store.headPosition()).toBe(before);
      }
      for (const role of [...ROLES.filter((r) => r !== 'la_officer'), 'la_officer' as const]) {
        const id = subjectOf(world, role);
        const before = await t.store.headPosition();
        const outcome = await mutate(t, world.related[role], mutation, id, VALID_INPUTS[mutation]!());
        const code = outcome.errors?.[0]?.extensions?.['code'];
        const kind = KIND[role];
        if (kind === null) expect(code, `${role}`).toBe('NOT_FOUND');
        else if (!WRITE_PERMISSIONS[type].includes(kind)) expect(code, `${role} may not record ${type}`).toBe('FORBIDDEN');
        else {
          // Past the relationship check; a rule may still narrow it (e.g. only the tribunal of those with consent holds a record).
          expect(code, `${role} may record ${type}`).not.toBe('NOT_FOUND');
          if (code === 'FORBIDDEN') expect(outcome.errors![0]!.message).not.toMatch(/ is recorded by: /);
        }
        if (code !== undefined) expect(await t.store.headPosition()).toBe(before);
      }
    });
  }
});

describe('access by random but validly signed tokens', () => {
  let t: TestApp;
  let world: World;
  let parentId: string;
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-06-02T09:00:00Z');
    world = await buildWorld(t, false);
    parentId = await parentOf(t, world.child);
  }, 120_000);
  afterAll(() => t.close());

  /** Who may read the child's record, written out by hand as an oracle (not derived from the code under test). */
  const mayReadRecord = (role: Role, org: string, id: string) =>
    (role === 'la_officer' && org === '202') ||
    (['senco', 'headteacher', 'school_staff'].includes(role) && org === '100001') ||
    (role === 'parent_carer' && id === parentId) ||
    (role === 'health_professional' && org === ORGS.health) ||
    (role === 'social_worker' && org === ORGS.socialCare) ||
    (role === 'educational_psychologist' && org === ORGS.ep) ||
    (role === 'advocate' && org === ORGS.advocate) ||
    (role === 'tribunal' && org === ORGS.tribunal);

  it('reads the child only with a relationship, whatever role, organisation and subject a signed token claims', async () => {
    const organisations = ['202', '204', '100001', '100009', ...Object.values(ORGS), 'family', 'self'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROLES), fc.constantFrom(...organisations), fc.boolean(), async (role, org, asParent) => {
        const id = asParent ? parentId : randomUUID();
        const token = await t.token(role, org, 'Someone', id);
        const response = await t.gql<{ child: { displayName: string } | null }>('query($id: ID!) { child(id: $id) { displayName } }', { id: world.child }, token);
        expect(response.data.child !== null, `${role} of ${org}${asParent ? ' as the parent' : ''}`).toBe(mayReadRecord(role, org, id));
      }),
      { numRuns: 300 },
    );
  });
});

async function parentOf(t: TestApp, childId: string): Promise<string> {
  const entries = await t.store.readStream(`child-${childId}`);
  return String(entries.find((e) => e.type === 'ParentCarerRecorded')!.data['personId']);
}
