import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParent, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Count { value: number | null; suppressed: boolean }
interface Figures { children: Count; linesPromised: Count; deliveries: Count; sessionsDelivered: Count; minutesDelivered: Count; shortfalls: Count; sessionsMissed: Count }
interface Service { serviceId: string; name: string | null; listedOn: string | null; promises: Array<{ childId: string; provisionId: string; deliveries: { count: number } }>; figures: Figures }
interface Report {
  rules: { childLevelRows: string; smallCountsSuppressed: string };
  services: Service[];
  promisedButNeverEvidenced: Array<{ name: string | null; promises: Count; shortfallsReported: Count }>;
}

const COUNT = 'value suppressed';
const REPORT = `query($la: String!) { localOfferAccountability(laCode: $la, from: "2024-09-01", to: "2024-12-31") {
  rules { childLevelRows smallCountsSuppressed }
  services { nodes { serviceId name listedOn promises { childId provisionId deliveries { count } }
    figures { children { ${COUNT} } linesPromised { ${COUNT} } deliveries { ${COUNT} } sessionsDelivered { ${COUNT} } minutesDelivered { ${COUNT} } shortfalls { ${COUNT} } sessionsMissed { ${COUNT} } } } }
  promisedButNeverEvidenced { nodes { name promises { ${COUNT} } shortfallsReported { ${COUNT} } } } } }`;

const shown = (value: number): Count => ({ value, suppressed: false });
const SUPPRESSED: Count = { value: null, suppressed: true };

/**
 * Camden (202): Portage promised to six children (one delivery each); speech and language therapy (SALT) to two,
 * one of whom (child A, whose parent asks) had three deliveries and the other one; travel training to one child,
 * never delivered. Brent (204) lists the same services and has no children.
 */
describe('Local Offer accountability: child-level rows only for children the reader relates to', () => {
  let t: TestApp;
  let la: string;
  let parentOfA: string;
  let childA: string;
  let childB: string;
  let allChildren: string[];
  const services: Record<string, Record<'portage' | 'salt' | 'travel', string>> = {};

  const ask = async (token: string, laCode = '202') => {
    type Paged = Omit<Report, 'services' | 'promisedButNeverEvidenced'> & {
      services: { nodes: Report['services'] };
      promisedButNeverEvidenced: { nodes: Report['promisedButNeverEvidenced'] };
    };
    const response = await t.gql<{ localOfferAccountability: Paged }>(REPORT, { la: laCode }, token);
    if (!response.data?.localOfferAccountability) throw new Error(JSON.stringify(response.errors));
    const report = response.data.localOfferAccountability;
    return { ...report, services: report.services.nodes, promisedButNeverEvidenced: report.promisedButNeverEvidenced.nodes };
  };
  const service = (report: Report, name: string) => report.services.find((s) => s.name === name)!;

  async function listServices(laCode: string) {
    const officer = await t.token('la_officer', laCode);
    const list = async (name: string) => {
      const response = await t.gql<{ r: { subjectId: string } }>(
        `mutation($la: String!, $input: LocalOfferServiceInput!) { r: listLocalOfferService(laCode: $la, input: $input) { subjectId } }`,
        { la: laCode, input: { name, provider: 'Provider', description: `${name} for children with SEN`, eligibility: 'Children with SEN', ageRange: { from: 0, to: 19 }, areasOfNeed: ['communication_and_interaction'], category: 'health' } },
        officer,
      );
      return response.data.r.subjectId;
    };
    services[laCode] = { portage: await list('Portage'), salt: await list('Speech and language therapy'), travel: await list('Travel training') };
  }

  async function childPromised(serviceIds: string[], deliveries: number[]): Promise<string> {
    const childId = (await registerChild(t, la)).childId;
    for (const [i, serviceId] of serviceIds.entries()) {
      const line = await record(t, la, 'promiseProvision', childId, provisionLine('', { section: 'SEN_SUPPORT', planId: undefined, startDate: '2024-09-09', localOfferServiceId: serviceId }));
      for (let d = 0; d < deliveries[i]!; d++) {
        await record(t, la, 'recordDelivery', childId, { provisionId: line.subjectId, sessions: 1, minutes: 45, deliveredBy: { name: 'A. Therapist', role: 'Therapist' } });
      }
    }
    return childId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2024-09-02T09:00:00Z');
    la = await t.token('la_officer', '202');
    await listServices('202');
    await listServices('204');
    const { portage, salt, travel } = services['202']!;
    t.clock.set('2024-11-04T09:00:00Z');
    childA = await childPromised([portage, salt], [1, 3]);
    childB = await childPromised([portage, salt], [1, 1]);
    const others = [];
    for (let i = 0; i < 4; i++) others.push(await childPromised([portage], [1]));
    others.push(await childPromised([travel], [0]));
    allChildren = [childA, childB, ...others];
    parentOfA = (await addParent(t, la, childA)).token;
    t.clock.set('2025-01-06T09:00:00Z');
  });
  afterAll(() => t.close());

  const readsOf = async (childId: string) => (await t.accessLog.forChild(childId)).filter((e) => e.read.includes('localOfferAccountability'));

  it('a stranger (an officer of another LA, a parent of no child) gets service figures only, small counts suppressed, and reads no child', async () => {
    for (const stranger of [await t.token('la_officer', '204'), await t.token('parent_carer', 'family', 'Nobody Parent')]) {
      const report = await ask(stranger);
      expect(report.services.flatMap((s) => s.promises)).toEqual([]);
      const text = JSON.stringify(report);
      for (const childId of allChildren) expect(text).not.toContain(childId);
      // Six children, six deliveries: published. Two children, or one: every figure they make up is suppressed, not 0.
      expect(service(report, 'Portage').figures).toEqual({
        children: shown(6), linesPromised: shown(6), deliveries: shown(6), sessionsDelivered: shown(6), minutesDelivered: shown(270), shortfalls: shown(0), sessionsMissed: shown(0),
      });
      expect(service(report, 'Speech and language therapy').figures).toEqual({
        children: SUPPRESSED, linesPromised: SUPPRESSED, deliveries: SUPPRESSED, sessionsDelivered: SUPPRESSED, minutesDelivered: SUPPRESSED, shortfalls: shown(0), sessionsMissed: shown(0),
      });
      expect(report.promisedButNeverEvidenced).toEqual([{ name: 'Travel training', promises: SUPPRESSED, shortfallsReported: shown(0) }]);
    }
    for (const childId of allChildren) expect(await readsOf(childId)).toEqual([]);
  });

  it('a stranger\'s answer about an LA with children differs from one about an LA without only in the service figures', async () => {
    const stranger = await t.token('parent_carer', 'family', 'Nobody Parent');
    const withChildren = await ask(stranger, '202');
    const without = await ask(stranger, '204');
    // Services are paged by id, and each LA's services have their own ids: compare them by name.
    const besideFigures = (report: Report) => report.services.map(({ serviceId: _id, figures: _figures, ...rest }) => rest).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(besideFigures(withChildren)).toEqual(besideFigures(without));
    expect(withChildren.rules).toEqual(without.rules);
    expect(service(without, 'Portage').figures.children).toEqual(shown(0));
  });

  it('the LA\'s officer relates to its children through the gateway: every row and true figures, one access entry per child', async () => {
    const before = await Promise.all(allChildren.map(async (id) => (await readsOf(id)).length));
    const report = await ask(la);
    const salt = service(report, 'Speech and language therapy');
    expect(salt.promises.map((p) => [p.childId, p.deliveries.count]).sort()).toEqual([[childA, 3], [childB, 1]].sort());
    expect(salt.figures).toMatchObject({ children: shown(2), deliveries: shown(4), minutesDelivered: shown(180) });
    expect(service(report, 'Portage').promises).toHaveLength(6);
    expect(report.promisedButNeverEvidenced).toEqual([{ name: 'Travel training', promises: shown(1), shortfallsReported: shown(0) }]);
    for (const [i, childId] of allChildren.entries()) {
      const reads = await readsOf(childId);
      expect(reads.length - before[i]!).toBe(1);
      expect(reads[0]).toMatchObject({ actor: { role: 'la_officer', organisation: '202' }, read: ['localOfferAccountability'], outcome: 'permitted', via: 'graphql' });
    }
  });

  it('a parent sees their own child\'s rows; the rest only as figures, none of which gives away another child by subtraction', async () => {
    const report = await ask(parentOfA);
    expect(report.services.flatMap((s) => s.promises.map((p) => p.childId))).toEqual([childA, childA]);
    const salt = service(report, 'Speech and language therapy');
    expect(salt.promises).toEqual([expect.objectContaining({ childId: childA, deliveries: { count: 3 } })]);
    // SALT's total of 4 deliveries less child A's 3 would give child B's 1: the totals are suppressed, not only B's part.
    expect(salt.figures).toMatchObject({ children: SUPPRESSED, linesPromised: SUPPRESSED, deliveries: SUPPRESSED, minutesDelivered: SUPPRESSED, shortfalls: shown(0) });
    // Portage less child A leaves five children: published, with the parent's own child counted in.
    expect(service(report, 'Portage').figures).toMatchObject({ children: shown(6), deliveries: shown(6) });
    expect(JSON.stringify(report)).not.toContain(childB);
    expect((await readsOf(childA))[0]).toMatchObject({ actor: { role: 'parent_carer' }, read: ['localOfferAccountability'] });
    expect((await readsOf(childB)).every((e) => e.actor.role !== 'parent_carer')).toBe(true);
  });

  it('says which rule applies, and refuses an LA code that cannot be one, naming the field', async () => {
    const report = await ask(la);
    expect(report.rules.smallCountsSuppressed).toMatch(/at least 5/);
    expect(report.rules.childLevelRows).toMatch(/relates to now/);
    const response = await t.gql(REPORT, { la: 'Camden' }, la);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'laCode' });
  });
});
