import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { keyFile, ledgerFile, openConfiguredStore, type ConfiguredLedger } from '../../src/config/open-store.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { mutate, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { TestClock, startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

describe('erasure at the end of retention, with every proof intact (configured SQLite ledger)', () => {
  const dir = tempDir();
  const clock = new TestClock(new Date('2024-01-08T10:00:00Z'));
  let ledger: ConfiguredLedger;
  let t: TestApp;
  let la: string;
  let erased: string;
  let kept: string;

  beforeAll(async () => {
    const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path });
    ledger = await openConfiguredStore(config, clock.now);
    t = await startTestApp({ clock, store: ledger, readModels: ledger.readModels, keys: ledger.keys });
    la = await t.token('la_officer', '202');
    // Born 1990: past "date of birth + 31 years" by 2024. Her record was made when she was 24, in the first year of
    // EHC plans (a plan may run to the end of the school year a young person turns 25), and recorded later.
    erased = (await registerChild(t, la, { displayName: 'Quillon Erasable-Zed', dateOfBirth: '1990-02-01' }, { occurredAt: '2014-09-08' })).childId;
    const request = await record(t, la, 'requestAssessment', erased, { requestedBy: 'young_person' }, { occurredAt: '2014-09-15' });
    await record(t, la, 'decideAssessment', erased, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: '2014-10-13' });
    const planId = (await record(t, la, 'issueDraftPlan', erased, { requestId: request.subjectId }, { occurredAt: '2014-12-01' })).subjectId!;
    clock.set('2024-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', erased, { planId, namedSetting: { name: 'Hillside College' } }, { occurredAt: '2015-01-12' });
    await record(t, la, 'promiseProvision', erased, provisionLine(planId, { description: 'Mentoring by the ZZTOP-MARKER service', startDate: '2015-01-19' }), { occurredAt: '2015-01-12' });
    kept = (await registerChild(t, la, { displayName: 'Other Child (pseudonym)' })).childId;
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it('stores a child\'s payloads encrypted: no plain text in the ledger file', () => {
    const bytes = readFileSync(ledgerFile(parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path })));
    expect(bytes.includes('Quillon Erasable-Zed')).toBe(false);
  });

  it('a legal hold blocks erasure; once lifted the record is erased, reads as erased, and every proof still verifies', async () => {
    const hold = await record(t, la, 'placeLegalHold', erased, { reason: 'Tribunal appeal pending', placedBy: { name: 'Sam Okafor', role: 'SEN caseworker' } });
    const blocked = await t.gql('mutation($id: ID!) { eraseChildRecord(childId: $id, input: { reason: retention_period_ended }) { streamRevision } }', { id: erased }, la);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'legal-hold-open' });

    await record(t, la, 'liftLegalHold', erased, { holdId: hold.subjectId, reason: 'Appeal concluded' });
    const done = await t.gql<{ eraseChildRecord: { entries: Array<{ type: string; data: { retentionRule: string } }> } }>(
      'mutation($id: ID!) { eraseChildRecord(childId: $id, input: { reason: retention_period_ended }) { entries { type data } } }',
      { id: erased },
      la,
    );
    expect(done.data.eraseChildRecord.entries[0]).toMatchObject({ type: 'ChildRecordErased', data: { retentionRule: 'date of birth + 31 years' } });
    const keyId = (done.data.eraseChildRecord.entries[0]!.data as unknown as { keyId: string }).keyId;
    expect(await ledger.keys.find(keyId)).toBeNull();
    expect(await ledger.keys.isDestroyed(erased)).toBe(true);
    expect(await ledger.keys.isDestroyed(kept)).toBe(false);

    const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; data: Record<string, unknown> }> } } }>('query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type data } } } }', { id: erased }, la);
    const registration = trail.data.auditTrail.entries.nodes.find((e) => e.type === 'ChildRegistered')!;
    expect(registration.data).toEqual({ $erased: true });
    const child = await t.gql<{ child: { erased: { reason: string }; displayName: string | null } }>('query($id: ID!) { child(id: $id) { erased { reason } displayName } }', { id: erased }, la);
    expect(child.data.child).toEqual({ erased: { reason: 'retention_period_ended' }, displayName: null });
    const other = await t.gql<{ child: { displayName: string } }>('query($id: ID!) { child(id: $id) { displayName } }', { id: kept }, la);
    expect(other.data.child.displayName).toBe('Other Child (pseudonym)');

    const promises = await t.gql<{ promises: { nodes: Array<{ childId: string }> } }>('{ promises { nodes { childId } } }', {}, la);
    expect(promises.data.promises.nodes.some((p) => p.childId === erased)).toBe(false);

    const verification = await t.gql<{ verifyLedger: { ok: boolean } }>('{ verifyLedger { ok } }', {}, la);
    expect(verification.data.verifyLedger.ok).toBe(true);
    const bundle = await t.app.inject({ method: 'POST', url: `/children/${erased}/evidence-bundle`, headers: { authorization: `Bearer ${la}` }, payload: { purpose: 'Audit after erasure' } });
    expect((await verifyEvidenceBundle(bundle.json())).ok).toBe(true);

    const nothingMore = await mutate(t, la, 'recordViews', erased, { whose: 'parent_carer', how: 'written', givenBy: { name: 'P', relationship: 'Mother' }, summary: 'x' });
    expect(nothingMore.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'record-erased' });
    expect(readFileSync(keyFile(parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path }))).length).toBeGreaterThan(0);
  });
});
