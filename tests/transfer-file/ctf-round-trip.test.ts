import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childC } from '../../src/demo/child-c-plan-ceased.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { upnCheckLetter } from '../../src/domain/identifiers/upn.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { startDemoWebServer, type DemoWebServer } from '../web/support/demo-web-server.js';
import { graphqlAs, recordThroughTheApi } from '../web/support/through-the-api.js';

let server: DemoWebServer;
const childAId = childA().childId;

const EXPORT = `query($id: ID!) { commonTransferFile(childId: $id) { xml sha256 leftOut { what why } senHistory { provision startDate eventId } senNeeds { rank senType eventId } } }`;
const RECONCILE = `query($xml: String!) { reconcileCommonTransferFile(xml: $xml) { matched matchedBy childId differences { kind what inFile inLedger eventId } handoverId } }`;

type Export = { xml: string; sha256: string; leftOut: Array<{ what: string; why: string }>; senHistory: Array<{ provision: string; startDate: string; eventId: string }>; senNeeds: Array<{ rank: number; senType: string; eventId: string }> };
type Reconciliation = { matched: boolean; matchedBy: string; childId: string | null; differences: Array<{ kind: string; what: string; inFile: string; inLedger: string; eventId: string | null }>; handoverId: string | null };

const exportAs = async (actor: Actor) => (await graphqlAs<{ commonTransferFile: Export | null }>(server, actor, EXPORT, { id: childAId })).commonTransferFile;
const reconcileAs = async (actor: Actor, xml: string) => (await graphqlAs<{ reconcileCommonTransferFile: Reconciliation }>(server, actor, RECONCILE, { xml })).reconcileCommonTransferFile;

/** A GraphQL request whose errors the test reads. */
async function rawGraphql(actor: Actor, query: string, variables: Record<string, unknown>) {
  const token = await mintDevToken(TEST_SECRET, server.config.AUTH_ISSUER, server.config.AUTH_AUDIENCE, {
    actorId: actor.id, displayName: actor.displayName, role: actor.role as never, organisation: actor.organisation,
  });
  const response = await server.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query, variables } });
  return response.json() as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
}

/** A valid UPN for the test: the check letter worked out for these digits. */
const upnFor = (digits: string) => `${upnCheckLetter(`A${digits}`)}${digits}`;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
}, 120_000);
afterAll(async () => server?.close());

describe('the Common Transfer File for a demo child (Child A, on roll at Fleet Hill)', () => {
  it('exports the SEN history and ranked needs from the ledger, each from its entry, and imports back with no difference', async () => {
    const fromLa = await exportAs(cast.caseworker);
    expect(fromLa).not.toBeNull();
    // K from the first SEN support cycle (17 January 2022), E from the final plan (6 February 2023).
    expect(fromLa!.senHistory.map(({ provision, startDate }) => ({ provision, startDate }))).toEqual([
      { provision: 'K', startDate: '2022-01-17' },
      { provision: 'E', startDate: '2023-02-06' },
    ]);
    expect(fromLa!.senNeeds.map(({ rank, senType }) => ({ rank, senType }))).toEqual([{ rank: 1, senType: 'SLCN' }, { rank: 2, senType: 'SPLD' }]);
    expect(fromLa!.xml).toContain('<SENprovision>E</SENprovision>');
    expect(fromLa!.xml).toContain('<DocumentName>Common Transfer File</DocumentName>');
    expect(fromLa!.leftOut.map((l) => l.what)).toContain('UPN');

    for (const xml of [fromLa!.xml, (await exportAs(cast.fleetHillSenco))!.xml]) {
      const reconciled = await reconcileAs(cast.fleetHillSenco, xml);
      expect(reconciled).toMatchObject({ matched: true, matchedBy: 'date_of_birth_and_name', childId: childAId, differences: [] });
      // Fleet Hill had Child A's handover pack: the file was compared with it too.
      expect(reconciled.handoverId).not.toBeNull();
    }
  });

  it('ends an EHC plan that ceased with N, from the entry that ceased it (Child C)', async () => {
    const data = await graphqlAs<{ commonTransferFile: Export | null }>(server, cast.caseworker, EXPORT, { id: childC().childId });
    expect(data.commonTransferFile!.senHistory.map(({ provision, startDate }) => ({ provision, startDate }))).toEqual([
      { provision: 'E', startDate: '2022-10-03' },
      { provision: 'N', startDate: '2024-12-16' },
    ]);
    const entries = await server.store.readStream(childStreamId(childC().childId));
    expect(entries.find((e) => e.eventId === data.commonTransferFile!.senHistory[1]!.eventId)?.type).toBe('PlanCeased');
  });

  it('flags a changed need type with both values and the entry behind the ledger\'s', async () => {
    const exported = (await exportAs(cast.fleetHillSenco))!;
    const slcn = exported.senNeeds.find((need) => need.senType === 'SLCN')!;
    const changed = exported.xml.replace('<SENtype>SLCN</SENtype>', '<SENtype>ASD</SENtype>');
    expect(changed).not.toBe(exported.xml);
    const reconciled = await reconcileAs(cast.fleetHillSenco, changed);
    expect(reconciled.matched).toBe(true);
    expect(reconciled.differences).toEqual([{ kind: 'need_type', what: 'Type of need ranked 1', inFile: 'ASD', inLedger: 'SLCN', eventId: slcn.eventId }]);
  });

  it('flags a changed status start date and a status the ledger does not hold', async () => {
    const exported = (await exportAs(cast.fleetHillSenco))!;
    const changed = exported.xml.replace('<StartDate>2023-02-06</StartDate>', '<StartDate>2023-03-01</StartDate>');
    const reconciled = await reconcileAs(cast.fleetHillSenco, changed);
    expect(reconciled.differences).toEqual([
      { kind: 'sen_status_start_date', what: 'Start of EHC plan (E) (status 2 of the SEN history)', inFile: '2023-03-01', inLedger: '2023-02-06', eventId: exported.senHistory[1]!.eventId },
    ]);
    const noPlan = exported.xml.replace('<SENprovision>E</SENprovision>', '<SENprovision>N</SENprovision>');
    const kinds = (await reconcileAs(cast.fleetHillSenco, noPlan)).differences.map((d) => [d.kind, d.inFile, d.inLedger]);
    expect(kinds).toEqual([
      ['sen_status_now', 'no special educational need (N)', 'EHC plan (E)'],
      ['sen_status_history', 'no special educational need (N) from 2023-02-06', 'EHC plan (E) from 2023-02-06'],
    ]);
  });

  it('carries the UPN only while it may be disclosed, and matches by it', async () => {
    const upn = upnFor('202100052014');
    await recordThroughTheApi(server, cast.fleetHillSenco, 'recordIdentifier', 'IdentifierInput', { scheme: 'upn', value: upn }, { childId: childAId });
    const withUpn = (await exportAs(cast.fleetHillSenco))!;
    expect(withUpn.xml).toContain(`<UPN>${upn}</UPN>`);
    // Matched by UPN even under another name.
    const renamed = withUpn.xml.replace(/<Forename>[^<]*<\/Forename>/, '<Forename>Someone Else</Forename>');
    expect(await reconcileAs(cast.fleetHillSenco, renamed)).toMatchObject({ matched: true, matchedBy: 'upn', childId: childAId });

    await recordThroughTheApi(server, cast.caseworker, 'withholdIdentifier', 'IdentifierWithholdingInput', { scheme: 'upn', reason: 'Adopted: the previous UPN is not to be passed on' }, { childId: childAId });
    const withheld = (await exportAs(cast.fleetHillSenco))!;
    expect(withheld.xml).not.toContain('<UPN>');
    expect(withheld.xml).not.toContain(upn);
    expect(withheld.leftOut).toContainEqual({ what: 'UPN', why: 'withheld: a recorded decision not to disclose it (Adopted: the previous UPN is not to be passed on)' });
  });

  it('refuses a file that is not a valid CTF with a clear error, and records nothing', async () => {
    const head = await server.store.streamHead(childStreamId(childAId));
    const exported = (await exportAs(cast.fleetHillSenco))!;
    const invalid = exported.xml.replace('<SENprovision>E</SENprovision>', '<SENprovision>S</SENprovision>');
    const body = await rawGraphql(cast.fleetHillSenco, RECONCILE, { xml: invalid });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'xml' });
    expect(body.errors?.[0]?.message).toMatch(/not a valid Common Transfer File \(line \d+: .*SENprovision/);
    const twoFirsts = await rawGraphql(cast.fleetHillSenco, RECONCILE, { xml: exported.xml.replace('<SENtypeRank>2</SENtypeRank>', '<SENtypeRank>1</SENtypeRank>') });
    expect(twoFirsts.errors?.[0]).toMatchObject({ message: expect.stringContaining('two needs are ranked 1'), extensions: { code: 'BAD_INPUT' } });
    const notXml = await rawGraphql(cast.fleetHillSenco, RECONCILE, { xml: 'hello' });
    expect(notXml.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'xml' });
    expect((await server.store.streamHead(childStreamId(childAId)))?.revision).toBe(head?.revision);
  });

  it('answers a school that may not read the child exactly as for a pupil who is not in the ledger', async () => {
    const exported = (await exportAs(cast.caseworker))!;
    // Kentish Vale, which Child A left in 2025, reads only its own period, never as a current pupil.
    const notItsPupil = await reconcileAs(cast.kentishValeSenco, exported.xml);
    const unknown = await reconcileAs(
      cast.fleetHillSenco,
      exported.xml.replace(/<DOB>[^<]*<\/DOB>/, '<DOB>2014-05-05</DOB>').replace(/<UPN>[^<]*<\/UPN>/, ''),
    );
    expect(notItsPupil).toEqual({ matched: false, matchedBy: 'no_match', childId: null, differences: [], handoverId: null });
    expect(unknown).toEqual(notItsPupil);
    // The school the pupil left still makes the file it owes, from the record as it stood when the pupil left.
    expect((await exportAs(cast.kentishValeSenco))!.xml).toContain('<SchoolName>Kentish Vale Primary School</SchoolName>');
  });
});

describe('taking in a received Common Transfer File (the mutation)', () => {
  const IMPORT = `mutation($xml: String!) { importCommonTransferFile(xml: $xml) { matched childId differences { kind } recordedEventId } }`;

  it('records the receipt once, with the SHA-256 of the file, however often the same file is taken in', async () => {
    const exported = (await exportAs(cast.caseworker))!;
    const first = await graphqlAs<{ importCommonTransferFile: { matched: boolean; differences: unknown[]; recordedEventId: string | null } }>(server, cast.fleetHillSenco, IMPORT, { xml: exported.xml });
    expect(first.importCommonTransferFile).toMatchObject({ matched: true, differences: [] });
    const again = await graphqlAs<{ importCommonTransferFile: { recordedEventId: string | null } }>(server, cast.fleetHillSenco, IMPORT, { xml: exported.xml });
    expect(again.importCommonTransferFile.recordedEventId).toBe(first.importCommonTransferFile.recordedEventId);
    const receipts = (await server.store.readStream(childStreamId(childAId))).filter((e) => e.type === 'CommonTransferFileReceived');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.eventId).toBe(first.importCommonTransferFile.recordedEventId);
    expect(receipts[0]!.data).toMatchObject({ sha256: exported.sha256, from: { name: expect.any(String) } });
  });

  it('records nothing for a pupil no child the school may read matches, exactly as for an unknown pupil', async () => {
    const exported = (await exportAs(cast.caseworker))!;
    const before = await server.store.headPosition();
    const outcome = await graphqlAs<{ importCommonTransferFile: { matched: boolean; recordedEventId: string | null } }>(server, cast.kentishValeSenco, IMPORT, { xml: exported.xml });
    expect(outcome.importCommonTransferFile).toMatchObject({ matched: false, recordedEventId: null });
    expect(await server.store.headPosition()).toBe(before);
  });
});
