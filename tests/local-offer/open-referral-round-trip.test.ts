/**
 * Done when: "An Open Referral UK export of the demo's Local Offer imports into an empty ledger and
 * round-trips". Everything goes through GraphQL: the export from the demo server, the import into a fresh
 * empty server, the export again; then what an import does with new, changed, unchanged, missing and
 * refused services, a dry run, directory ids that are not UUIDs, and who may import.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cast, localOfferServiceIds, services as demoServiceNames } from '../../src/demo/cast.js';
import { provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { graphqlAs } from '../web/support/through-the-api.js';
import { startDemoWebServer, type DemoWebServer } from '../web/support/demo-web-server.js';

const DIRECTORY = 'query($laCode: String!) { localOfferDirectory(laCode: $laCode) }';
const SERVICE = 'index directoryId serviceId name';
const IMPORT = `mutation($laCode: String!, $directory: String!, $dryRun: Boolean) {
  importLocalOfferDirectory(laCode: $laCode, directory: $directory, dryRun: $dryRun) {
    laCode dryRun received
    listed { ${SERVICE} } updated { ${SERVICE} changed } unchanged { ${SERVICE} }
    notActive { index directoryId name status } missing { serviceId directoryId name }
    refused { index directoryId name field message }
  }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ORUK JSON, checked field by field below
type OrukService = Record<string, any>;
interface ImportReport {
  laCode: string; dryRun: boolean; received: number;
  listed: Array<{ index: number; directoryId: string; serviceId: string; name: string }>;
  updated: Array<{ index: number; directoryId: string; serviceId: string; name: string; changed: string[] }>;
  unchanged: Array<{ index: number; directoryId: string; serviceId: string; name: string }>;
  notActive: Array<{ index: number; directoryId: string; name: string | null; status: string }>;
  missing: Array<{ serviceId: string; directoryId: string; name: string }>;
  refused: Array<{ index: number; directoryId: string | null; name: string | null; field: string; message: string }>;
}

let demo: DemoWebServer;
let demoExport: OrukService[];

beforeAll(async () => {
  demo = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  demoExport = (await graphqlAs<{ localOfferDirectory: OrukService[] }>(demo, cast.caseworker, DIRECTORY, { laCode: '202' })).localOfferDirectory;
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe("the demo's Local Offer as Open Referral UK", () => {
  it("exports every service the demo's LA 202 lists, under the ids the Local Offer already uses, with ORUK 3.0 fields", () => {
    expect(demoExport.map((s) => s.id).sort()).toEqual(Object.values(localOfferServiceIds).sort());
    const salt = demoExport.find((s) => s.id === localOfferServiceIds.salt)!;
    expect(salt).toMatchObject({
      name: demoServiceNames.salt,
      status: 'active',
      description: 'Assessment and therapy for speech, language and communication needs',
      eligibility_description: 'Children and young people living in Camden, by referral',
      minimum_age: 0,
      maximum_age: 19,
      organization: { name: 'Whittington Health NHS Trust' },
      service_areas: [{ service_id: localOfferServiceIds.salt, name: 'Local authority 202' }],
    });
    expect(salt['organization_id']).toBe(salt['organization'].id);
    // The area of need and the category, as terms of the SEND Ledger taxonomy, linked to the service.
    expect(salt['attributes'].map((a: OrukService) => [a['link_type'], a['taxonomy_term'].code, a['link_id']])).toEqual([
      ['area_of_need', 'communication_and_interaction', localOfferServiceIds.salt],
      ['local_offer_category', 'health', localOfferServiceIds.salt],
    ]);
    expect(new Set(salt['attributes'].map((a: OrukService) => a['taxonomy_term'].taxonomy_id))).toEqual(new Set(['304090a5-0033-83c0-b876-643ac8ed307f']));
    // Nothing the ledger does not hold is made up.
    expect(salt).not.toHaveProperty('url');
    expect(salt).not.toHaveProperty('contacts');
  });
});

describe('an Open Referral UK directory imported into an empty ledger', () => {
  let t: TestApp;
  let la: string;
  const importAs = async (token: string, directory: unknown, dryRun?: boolean, laCode = '202') =>
    t.gql<{ importLocalOfferDirectory: ImportReport | null }>(IMPORT, { laCode, directory: typeof directory === 'string' ? directory : JSON.stringify(directory), dryRun }, token);
  const imported = async (directory: unknown, dryRun?: boolean): Promise<ImportReport> => {
    const response = await importAs(la, directory, dryRun);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data.importLocalOfferDirectory!;
  };
  const exported = async (): Promise<OrukService[]> => {
    const response = await t.gql<{ localOfferDirectory: OrukService[] }>(DIRECTORY, { laCode: '202' }, la);
    expect(response.errors).toBeUndefined();
    return response.data.localOfferDirectory;
  };
  const head = () => t.store.headPosition();

  beforeEach(async () => {
    t = await startTestApp();
    t.clock.set('2025-01-06T09:00:00Z');
    la = await t.token('la_officer', '202', 'Sam Okafor');
  });
  afterEach(async () => {
    await t?.close();
  });

  it('lists every service under its directory id, and exports exactly what was imported', async () => {
    expect(await exported()).toEqual([]);
    const report = await imported(demoExport);
    expect(report).toMatchObject({ laCode: '202', dryRun: false, received: 4, updated: [], unchanged: [], notActive: [], missing: [], refused: [] });
    expect(report.listed.map((s) => [s.directoryId, s.serviceId])).toEqual(demoExport.map((s) => [s.id, s.id]));
    expect(await exported()).toEqual(demoExport);
  });

  it("resolves a provision line promised against an imported service in the LA's Local Offer accountability", async () => {
    await imported(demoExport);
    const { childId } = await registerChild(t, la);
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    t.clock.set('2025-02-03T09:00:00Z'); // after the family's 15 days to comment on the draft
    await record(t, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    const line = await record(t, la, 'promiseProvision', childId, provisionLine(draft.subjectId!, { startDate: '2025-02-10', localOfferServiceId: localOfferServiceIds.salt }));
    t.clock.set('2025-03-03T09:00:00Z');
    const response = await t.gql<{ localOfferAccountability: { services: { nodes: Array<{ serviceId: string; name: string | null; promises: Array<{ provisionId: string; childId: string }> }> } } }>(
      'query { localOfferAccountability(laCode: "202", from: "2024-03-04", to: "2025-03-03") { services(first: 50) { nodes { serviceId name promises { provisionId childId } } } } }',
      {},
      la,
    );
    expect(response.errors).toBeUndefined();
    const salt = response.data.localOfferAccountability.services.nodes.find((s) => s.serviceId === localOfferServiceIds.salt);
    expect(salt).toEqual({ serviceId: localOfferServiceIds.salt, name: demoServiceNames.salt, promises: [{ provisionId: line.subjectId, childId }] });
  });

  it('leaves every service alone the second time, recording nothing', async () => {
    await imported(demoExport);
    const before = await head();
    const again = await imported(demoExport);
    expect(again.unchanged.map((s) => s.directoryId)).toEqual(demoExport.map((s) => s.id));
    expect([again.listed, again.updated, again.refused, again.missing]).toEqual([[], [], [], []]);
    expect(await head()).toBe(before);
  });

  it('updates a service whose name changed, with a reason naming the import, and reports services the directory no longer lists without withdrawing them', async () => {
    await imported(demoExport);
    const [first, ...rest] = demoExport;
    const renamed = { ...first, name: `${first!['name']} (Camden)` };
    const report = await imported([renamed, ...rest.slice(1)]);
    expect(report.updated).toEqual([{ index: 0, directoryId: first!['id'], serviceId: first!['id'], name: renamed.name, changed: ['name'] }]);
    expect(report.unchanged.map((s) => s.directoryId)).toEqual(rest.slice(1).map((s) => s.id));
    expect(report.missing).toEqual([{ serviceId: rest[0]!['id'], directoryId: rest[0]!['id'], name: rest[0]!['name'] }]);
    const entries = await t.store.readStream('local-offer-202');
    expect(entries.at(-1)).toMatchObject({
      type: 'LocalOfferServiceUpdated',
      data: { serviceId: first!['id'], changes: { name: renamed.name }, reason: expect.stringMatching(/Open Referral UK directory \(import of a directory export sent to the API\)/) },
    });
    // The missing service is still in the Local Offer: the LA decides whether it has gone.
    const after = await exported();
    expect(after.map((s) => s.id)).toContain(rest[0]!['id']);
    expect(after.find((s) => s.id === first!['id'])!['name']).toBe(renamed.name);
  });

  it('refuses a service with no name and one whose ages are inverted, by index and field, and imports the rest', async () => {
    const [a, b, c, d] = demoExport;
    const { name: _name, ...nameless } = b!;
    const inverted = { ...c, minimum_age: 16, maximum_age: 5 };
    const report = await imported([a, nameless, inverted, d]);
    expect(report.refused).toEqual([
      { index: 1, directoryId: b!['id'], name: null, field: 'services[1].name', message: 'must be text' },
      { index: 2, directoryId: c!['id'], name: c!['name'], field: 'services[2].maximum_age', message: 'must not be below the lower age (from)' },
    ]);
    expect(report.listed.map((s) => s.index)).toEqual([0, 3]);
    expect((await exported()).map((s) => s.id)).toEqual([a!['id'], d!['id']].sort());
  });

  it('refuses a service it cannot classify, one with an age over 25, and an id listed twice, naming the field', async () => {
    const [a, b, c] = demoExport;
    const report = await imported([
      { ...a, attributes: [] },
      { ...b, maximum_age: 30 },
      c,
      { ...c, name: 'The same id again' },
      { ...c, id: 'x', status: 'open' },
    ]);
    expect(report.refused.map((r) => [r.index, r.field])).toEqual([
      [0, 'services[0].attributes'],
      [1, 'services[1].maximum_age'],
      [3, 'services[3].id'],
      [4, 'services[4].status'],
    ]);
    expect(report.refused[0]!.message).toMatch(/area of need from the SEND Ledger taxonomy/);
    expect(report.refused[1]!.message).toBe('must be at most 25');
    expect(report.refused[2]!.message).toMatch(/appears twice in the directory \(also services\[2\]\)/);
    expect(report.listed.map((s) => s.index)).toEqual([2]);
  });

  it('judges everything in a dry run and records nothing', async () => {
    await imported(demoExport.slice(0, 2));
    const before = await head();
    const exportBefore = await exported();
    const [a, b, c] = demoExport;
    const report = await imported([{ ...a, description: 'A new description' }, b, c, { ...c, id: 'dup', name: '' }], true);
    expect(report.dryRun).toBe(true);
    expect(report.updated.map((s) => [s.index, s.changed])).toEqual([[0, ['description']]]);
    expect(report.unchanged.map((s) => s.index)).toEqual([1]);
    expect(report.listed.map((s) => s.index)).toEqual([2]);
    expect(report.refused).toEqual([{ index: 3, directoryId: 'dup', name: '', field: 'services[3].name', message: 'must not be empty' }]);
    expect(await head()).toBe(before);
    expect(await exported()).toEqual(exportBefore);
  });

  it('keeps a directory id that is not a UUID exactly, gives it back on export, and matches it next time', async () => {
    const [a] = demoExport;
    const legacy = { ...a, id: 'camden-fsd:SALT/0042', attributes: a!['attributes'].map((x: OrukService) => ({ ...x, link_id: 'camden-fsd:SALT/0042' })) };
    const report = await imported([legacy]);
    expect(report.listed).toHaveLength(1);
    const { serviceId } = report.listed[0]!;
    expect(serviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(serviceId).not.toBe(legacy.id);
    const [out] = await exported();
    expect(out!['id']).toBe('camden-fsd:SALT/0042');
    expect(out!['attributes'].every((x: OrukService) => x['link_id'] === 'camden-fsd:SALT/0042')).toBe(true);
    const again = await imported([out]);
    expect(again.unchanged).toEqual([{ index: 0, directoryId: 'camden-fsd:SALT/0042', serviceId, name: a!['name'] }]);
  });

  it("reads a page of a directory's /services feed, and leaves alone services the directory marks inactive", async () => {
    const [a, b] = demoExport;
    const report = await imported({ total_items: 2, page_number: 1, contents: [a, { ...b, status: 'defunct' }] });
    expect(report.listed.map((s) => s.directoryId)).toEqual([a!['id']]);
    expect(report.notActive).toEqual([{ index: 1, directoryId: b!['id'], name: b!['name'], status: 'defunct' }]);
    expect((await exported()).map((s) => s.id)).toEqual([a!['id']]);
  });

  it('refuses a file that is not a directory export, naming the directory', async () => {
    for (const directory of ['not json {', '{"services": []}']) {
      const response = await importAs(la, directory);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'directory' });
    }
    expect(await head()).toBe(0);
  });

  it("lets only that LA's officers import, a dry run included", async () => {
    const others = [
      await t.token('senco', '100052', 'Rachel Kim'),
      await t.token('parent_carer', 'family', 'Parent A'),
      await t.token('la_officer', '204', 'Officer elsewhere'),
    ];
    for (const token of others) {
      for (const dryRun of [false, true]) {
        const response = await importAs(token, demoExport, dryRun);
        expect(response.data?.importLocalOfferDirectory ?? null).toBeNull();
        expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      }
    }
    expect(await head()).toBe(0);
  });
});
