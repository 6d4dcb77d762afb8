import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config.js';
import { loadWitnessPolicy, WitnessPolicyError } from '../../src/integrity/witness/witness-policy.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('send-ledger-witness-policy-');
afterAll(() => dir.remove());

const publicPem = () => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const forum = { name: 'Kentish Vale Parent Carer Forum witness', publicKeyPem: publicPem() };
const court = { name: 'Family Court witness', publicKeyPem: publicPem() };

let serial = 0;
function policyFile(content: unknown): string {
  const file = join(dir.path, `policy-${++serial}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('loadWitnessPolicy', () => {
  it('reads a policy naming witness keys and how many must co-sign', () => {
    expect(loadWitnessPolicy(policyFile({ witnesses: [forum, court], required: 2 }))).toEqual({ witnesses: [forum, court], required: 2 });
  });

  it.each([
    ['no witnesses', { witnesses: [], required: 1 }, /witnesses must list at least one witness/],
    ['needing more than it lists', { witnesses: [forum], required: 2 }, /required needs 2 witnesses but the policy lists 1/],
    ['needing none', { witnesses: [forum], required: 0 }, /required must be at least 1/],
    ['a fraction', { witnesses: [forum], required: 1.5 }, /required must be a whole number/],
    ['a key that is not a key', { witnesses: [{ name: 'X', publicKeyPem: 'not a key' }], required: 1 }, /witnesses\.0\.publicKeyPem must be an Ed25519 public key/],
    ['a private key', { witnesses: [{ name: 'X', publicKeyPem: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }], required: 1 }, /Ed25519 public key/],
    ['an RSA key', { witnesses: [{ name: 'X', publicKeyPem: generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString() }], required: 1 }, /Ed25519 public key/],
    ['one key listed twice', { witnesses: [forum, { ...forum, name: 'Again' }], required: 2 }, /witnesses\.1\.publicKeyPem is the same key as Kentish Vale Parent Carer Forum witness's/],
    ['an unnamed witness', { witnesses: [{ ...forum, name: ' ' }], required: 1 }, /witnesses\.0\.name must name the witness/],
    ['an unknown field', { witnesses: [forum], required: 1, threshold: 1 }, /threshold/],
  ])('refuses %s, naming the file and the problem', (_, content, message) => {
    const file = policyFile(content);
    const error = problem(() => loadWitnessPolicy(file));
    expect(error).toBeInstanceOf(WitnessPolicyError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a file that is missing or not JSON', () => {
    expect((problem(() => loadWitnessPolicy(join(dir.path, 'nowhere.json'))) as Error).message).toMatch(/cannot read the witness policy .*nowhere\.json: ENOENT/);
    expect((problem(() => loadWitnessPolicy(policyFile('{ witnesses'))) as Error).message).toMatch(/is not JSON/);
  });
});

describe('the witness settings of the ledger', () => {
  it('WITNESS_URLS: none by default, else a comma list of http(s) base URLs', () => {
    expect(parseConfig({}).WITNESS_URLS).toEqual([]);
    expect(parseConfig({ WITNESS_URLS: 'https://witness.kentish-vale.example, http://127.0.0.1:4100' }).WITNESS_URLS).toEqual(['https://witness.kentish-vale.example', 'http://127.0.0.1:4100']);
    for (const bad of ['witness.example.org', 'ftp://witness.example.org', 'https://ok.example, nonsense']) {
      const error = problem(() => parseConfig({ WITNESS_URLS: bad }));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/^WITNESS_URLS.*: must be comma-separated http\(s\) base URLs of witnesses/m);
    }
  });

  it('WITNESS_POLICY_FILE: read and checked at start, a bad one named with its problem', () => {
    const good = policyFile({ witnesses: [forum, court], required: 2 });
    expect(parseConfig({ WITNESS_POLICY_FILE: good }).WITNESS_POLICY_FILE).toBe(good);
    const bad = policyFile({ witnesses: [forum], required: 3 });
    const error = problem(() => parseConfig({ WITNESS_POLICY_FILE: bad })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([`WITNESS_POLICY_FILE: the witness policy ${bad} is not a witness policy: required needs 3 witnesses but the policy lists 1`]);
  });
});
