import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ephemeralSigningKey, keyIdOf } from '../../src/integrity/signing-key.js';
import { readLedgerKeys } from '../../src/witness/ledger-keys.js';
import { expectOneUsageLine, spawnCli } from '../cli/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { startWitness } from './witness-process.js';

const dir = tempDir('send-ledger-witness-cli-');
afterAll(() => dir.remove());
const ledger = ephemeralSigningKey();
const pemFile = join(dir.path, 'ledger-key.pem');
writeFileSync(pemFile, ledger.publicKeyPem);

describe('npm run witness', () => {
  it('--help explains it and opens nothing', async () => {
    const run = await spawnCli('witness', ['--help', '--data-dir', join(dir.path, 'never')], {});
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('npm run witness: ')).toBe(true);
    for (const mention of ['--name <name>', '--ledger-key <file>', '--data-dir <dir>', '--port <port>', '--host <host>', 'Exit status:']) expect(run.stdout).toContain(mention);
    expect(existsSync(join(dir.path, 'never'))).toBe(false);
  });

  it.each([
    [['--ledger-key', pemFile], '--name is needed'],
    [['--name', 'Test witness'], '--ledger-key is needed'],
    [['--name', 'Test witness', '--ledger-key', pemFile, '--port', '70000'], '--port must be a whole number from 0 to 65535 (not 70000)'],
    [['--name', 'Test witness', '--ledger-key', join(dir.path, 'missing.pem')], 'cannot read the ledger key'],
    [['--name', 'Test witness', '--ledger-key', pemFile, '--frobnicate'], "unknown option '--frobnicate'"],
  ])('%j: one line naming the mistake, exit 2, nothing written', async (args, naming) => {
    const dataDir = join(dir.path, `data-${naming.length}`);
    expectOneUsageLine(await spawnCli('witness', [...args, '--data-dir', dataDir], {}), 'witness', naming);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('a port already taken: exit 1 with the reason', async () => {
    const first = await startWitness(['--name', 'First', '--ledger-key', pemFile, '--data-dir', join(dir.path, 'first')]);
    try {
      const port = new URL(first.url).port;
      const run = await spawnCli('witness', ['--name', 'Second', '--ledger-key', pemFile, '--data-dir', join(dir.path, 'second'), '--port', port], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^npm run witness failed: .*EADDRINUSE/);
    } finally {
      await first.stop();
    }
  }, 60_000);
});

describe('the ledger keys a witness is given', () => {
  it('a PEM public key, or the JSON npm run tree -- key prints, by key id', () => {
    const other = ephemeralSigningKey();
    const jsonFile = join(dir.path, 'tree-key.json');
    writeFileSync(jsonFile, JSON.stringify({ keyId: other.keyId, publicKeyPem: other.publicKeyPem }, null, 2));
    const keys = readLedgerKeys([pemFile, jsonFile]);
    expect([...keys.keys()].sort()).toEqual([ledger.keyId, other.keyId].sort());
    expect(keyIdOf(keys.get(ledger.keyId)!)).toBe(ledger.keyId);
  });

  it('never a private key, nor anything but an Ed25519 key', () => {
    const privateFile = join(dir.path, 'private.pem');
    writeFileSync(privateFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => readLedgerKeys([privateFile])).toThrow(/holds a private key: give the witness only the ledger's public key/);
    const rsaFile = join(dir.path, 'rsa.pem');
    writeFileSync(rsaFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => readLedgerKeys([rsaFile])).toThrow(/is not an Ed25519 public key in PEM form/);
  });
});
