import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { parseConfig } from '../../src/config/config.js';
import { openConfiguredStore } from '../../src/config/open-store.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { addParent, registerChild } from '../support/ledger-client.js';
import { TEST_SECRET, startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const PURPOSE = 'First-tier Tribunal appeal SE202/25/00123';
const LOG_QUERY = 'query($id: ID!) { accessLog(childId: $id) { nodes { actor { id role organisation } read denied outcome purpose basis via requestId } } }';
interface Logged { actor: { id: string; role: string; organisation: string }; read: string[]; denied: string[]; outcome: string; purpose: string; basis: string[]; via: string; requestId: string }

describe('npm run export-evidence: an identity it can prove, judged and logged as the API judges and logs', () => {
  const dir = tempDir();
  const config = parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path, AUTH_JWT_SECRET: TEST_SECRET });
  const token = (role: 'la_officer' | 'parent_carer', org: string, name: string, secret = TEST_SECRET) =>
    mintDevToken(secret, config.AUTH_ISSUER, config.AUTH_AUDIENCE, { actorId: `${role}-${org}-${name.toLowerCase().replace(/ /g, '-')}`, displayName: name, role, organisation: org });
  let childId: string;
  let parent: string;

  /** The server's view of the same data directory, opened as the server opens it. */
  const openApp = async (): Promise<TestApp> => {
    const ledger = await openConfiguredStore(config);
    return startTestApp({ store: ledger, readModels: ledger.readModels, keys: ledger.keys, accessLog: ledger.accessLog, env: { SEND_LEDGER_DATA_DIR: dir.path } });
  };
  const exportEvidence = (args: string[], tokenValue?: string) =>
    run('npx', ['tsx', 'src/cli/export-evidence.ts', ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dir.path, AUTH_JWT_SECRET: TEST_SECRET, ...(tokenValue ? { SEND_LEDGER_TOKEN: tokenValue } : {}) },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  beforeAll(async () => {
    const t = await openApp();
    const la = await t.token('la_officer', '202');
    childId = (await registerChild(t, la)).childId;
    parent = (await addParent(t, la, childId)).token;
    await t.close();
  });
  afterAll(() => dir.remove());

  it('--help prints the usage and exits 0; an old free-text name, no token or a token that does not verify is refused before anything is read', async () => {
    const [help, byName, noToken, forged] = await Promise.all([
      exportEvidence(['--help']),
      exportEvidence(['--child', childId, '--purpose', PURPOSE, '--by', 'Anyone At All'], await token('la_officer', '202', 'Sam Okafor')),
      exportEvidence(['--child', childId, '--purpose', PURPOSE]),
      exportEvidence(['--child', childId, '--purpose', PURPOSE], await token('la_officer', '202', 'Sam Okafor', 'not-the-secret-the-ledger-trusts-0123456789abcdef')),
    ]);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('SEND_LEDGER_TOKEN=<token> npm run export-evidence -- --child <childId> --purpose');
    expect(byName.code).toBe(2);
    expect(byName.stderr).toMatch(/--by/);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('set SEND_LEDGER_TOKEN');
    expect(forged.code).toBe(2);
    expect(forged.stderr).toContain('was not accepted');
  }, 60_000);

  it('exports as the person the token names, reads no child for a stranger, and both attempts are in the child\'s access log', async () => {
    const strangerDir = join(dir.path, 'stranger');
    const stranger = await exportEvidence(['--child', childId, '--purpose', PURPOSE, '--out-dir', strangerDir], await token('la_officer', '204', 'Other Council'));
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain(`child ${childId} was not found`);
    expect(existsSync(strangerDir)).toBe(false);

    const officer = await exportEvidence(
      ['--child', childId, '--purpose', PURPOSE, '--appeal', 'EH202/25/00123', '--appeal-type', 'sections_b_and_f', '--hearing-date', '2026-03-10', '--out-dir', dir.path],
      await token('la_officer', '202', 'Sam Okafor'),
    );
    expect(officer).toMatchObject({ code: 0 });
    expect(officer.stdout).toContain('Wrote version 1 of the bundle');
    const stem = join(dir.path, 'EH202-25-00123-bundle-v1');
    const bundle = JSON.parse(readFileSync(`${stem}.json`, 'utf8')) as EvidenceBundle;
    expect(bundle.manifest.compiledBy).toEqual({ id: 'la_officer-202-sam-okafor', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' });
    expect(bundle.manifest.appeal).toEqual({ reference: 'EH202/25/00123', appealType: 'sections_b_and_f', hearingDate: '2026-03-10' });
    const report = await verifyEvidenceBundle(bundle);
    expect(report).toMatchObject({ ok: true });
    // The PDF written beside it is the one the verified entries make, and the HTML file carries the same bundle.
    expect(Buffer.from(readFileSync(`${stem}.pdf`)).equals(Buffer.from(report.regeneratedPdf!))).toBe(true);
    expect(readFileSync(`${stem}.html`, 'utf8')).toContain(bundle.manifest.exportId);

    const t = await openApp();
    try {
      const exports = await t.store.readStream('evidence-exports');
      expect(exports.map((e) => e.metadata.actor)).toEqual([bundle.manifest.compiledBy]);
      // The same export through the API, to compare the two entries it leaves.
      const api = await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, headers: { authorization: `Bearer ${await t.token('la_officer', '202', 'Sam Okafor', 'la_officer-202-sam-okafor')}` }, payload: { purpose: PURPOSE } });
      expect(api.statusCode).toBe(200);
      const log = (await t.gql<{ accessLog: { nodes: Logged[] } }>(LOG_QUERY, { id: childId }, parent)).data.accessLog!.nodes;
      const [fromApi, fromCli, refused] = log.filter((e) => e.read.includes('evidence-bundle') || e.denied.includes('evidence-bundle'));
      expect(fromCli).toMatchObject({
        actor: { id: 'la_officer-202-sam-okafor', role: 'la_officer', organisation: '202' },
        read: ['evidence-bundle'], denied: [], outcome: 'permitted', purpose: PURPOSE, via: 'command-line',
      });
      const { via: _v1, requestId: _r1, ...cliEntry } = fromCli!;
      const { via: _v2, requestId: _r2, ...apiEntry } = fromApi!;
      expect(cliEntry).toEqual(apiEntry);
      expect(fromApi!.via).toBe('evidence-bundle');
      expect(refused).toMatchObject({ actor: { role: 'la_officer', organisation: '204' }, read: [], denied: ['evidence-bundle'], outcome: 'denied', via: 'command-line' });
    } finally {
      await t.close();
    }
  }, 60_000);
});
