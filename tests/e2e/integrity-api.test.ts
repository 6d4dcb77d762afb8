import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/integrity/merkle/index.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { verifyTreeHead, type SignedTreeHead } from '../../src/integrity/tree-head.js';
import { record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tree heads, proofs and evidence bundles through the API', () => {
  let t: TestApp;
  let la: string;
  let childId: string;
  let requestEventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
    childId = (await registerChild(t, la)).childId;
    requestEventId = (await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' })).entries[0]!.eventId;
  });
  afterAll(() => t.close());

  it('publishes a signed head that verifies with the published key, and proves an entry into it', async () => {
    const published = await t.gql<{ publishTreeHead: SignedTreeHead }>('mutation { publishTreeHead { treeSize rootHash timestamp keyId signature } }', {}, la);
    const head = published.data.publishTreeHead;
    expect(head.treeSize).toBe(2);
    const key = await t.gql<{ treeHeadPublicKey: { keyId: string; publicKeyPem: string } }>('{ treeHeadPublicKey { keyId publicKeyPem } }', {}, la);
    expect(key.data.treeHeadPublicKey.keyId).toBe(head.keyId);
    expect(verifyTreeHead(head, key.data.treeHeadPublicKey.publicKeyPem)).toBe(true);

    const proof = await t.gql<{ inclusionProof: { leafIndex: number; treeSize: number; leafHash: string; rootHash: string; proof: string[] } }>(
      'query($id: ID!) { inclusionProof(eventId: $id, treeSize: 2) { leafIndex treeSize leafHash rootHash proof } }',
      { id: requestEventId },
      la,
    );
    const p = proof.data.inclusionProof;
    expect(p.rootHash).toBe(head.rootHash);
    const [entry] = (await t.store.readAll(2, 1));
    expect(p.leafHash).toBe(leafHash(entry!.canonical).toString('hex'));
    expect(verifyInclusion(Buffer.from(p.leafHash, 'hex'), p.leafIndex, p.treeSize, p.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(head.rootHash, 'hex'))).toBe(true);

    await record(t, la, 'decideAssessment', childId, { requestId: (await t.store.readAll(2, 1))[0]!.data['requestId'], decision: 'assess' });
    const later = (await t.store.readAll(1, 100)).length;
    const consistency = await t.gql<{ consistencyProof: { oldRootHash: string; newRootHash: string; proof: string[] } }>(
      'query($n: Int!) { consistencyProof(oldSize: 2, newSize: $n) { oldRootHash newRootHash proof } }',
      { n: later },
      la,
    );
    const c = consistency.data.consistencyProof;
    expect(c.oldRootHash).toBe(head.rootHash);
    expect(verifyConsistency(2, later, Buffer.from(head.rootHash, 'hex'), Buffer.from(c.newRootHash, 'hex'), c.proof.map((h) => Buffer.from(h, 'hex')))).toBe(true);
  });

  it('exports an evidence bundle to a signed-in caller with a purpose, and it verifies', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, payload: { purpose: 'Tribunal appeal' } });
    expect(anonymous.statusCode).toBe(401);
    const noPurpose = await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, headers: { authorization: `Bearer ${la}` }, payload: {} });
    expect(noPurpose.statusCode).toBe(400);
    const response = await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, headers: { authorization: `Bearer ${la}` }, payload: { purpose: 'Tribunal appeal SE202/25/00123' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="evidence-/);
    const bundle = response.json();
    expect(bundle.entries).toHaveLength(3);
    expect((await verifyEvidenceBundle(bundle)).ok).toBe(true);
  });
});
