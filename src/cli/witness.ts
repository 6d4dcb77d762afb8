import { join } from 'node:path';
import { openCosignedHeads } from '../witness/cosigned-heads.js';
import { LedgerKeyError, readLedgerKeys } from '../witness/ledger-keys.js';
import { createWitness } from '../witness/witness.js';
import { buildWitnessApp } from '../witness/witness-app.js';
import { loadWitnessKey, WITNESS_KEY_FILE } from '../witness/witness-key.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const DEFAULT_PORT = 4100;

const USAGE: Usage = {
  script: 'witness',
  summary:
    "run a witness: a small service another organisation (a neighbouring LA, a parents' information service, a court " +
    "service) runs beside a SEND Ledger. It co-signs the ledger's signed tree heads, each only after checking a consistency " +
    'proof from the last head it co-signed, so it never vouches for two different histories of one ledger. It keeps its own ' +
    `Ed25519 key (${WITNESS_KEY_FILE}, made on first start) and every head it co-signed (cosigned-heads.sqlite) in its data directory.`,
  synopsis: ['--name <name> --ledger-key <file> [--ledger-key <file>...] [--data-dir <dir>] [--host <host>] [--port <port>]'],
  options: [
    ['--name <name>', 'how the witness names itself in its co-signatures, e.g. "Kentish Vale Parent Carer Forum witness"'],
    ['--ledger-key <file>', "a ledger's tree head public key: PEM, or the JSON npm run tree -- key prints; repeat for several ledgers. Heads signed by any other key are refused"],
    ['--data-dir <dir>', "the witness's own directory for its key and the heads it co-signed (default ./witness-data): never the ledger's"],
    ['--host <host>', 'where to listen (default 127.0.0.1)'],
    ['--port <port>', `port to listen on (default ${DEFAULT_PORT}; 0: any free port). The address is printed as "listening on http://<host>:<port>"`],
  ],
  environment: [],
  examples: [
    'npm run witness -- --name "Kentish Vale Parent Carer Forum witness" --ledger-key ledger-key.pem --data-dir /var/lib/send-witness',
    'npm run tree -- key > ledger-key.json && npm run witness -- --name "Test witness" --ledger-key ledger-key.json --port 0',
  ],
  exitStatus: '0 stopped by SIGINT or SIGTERM; 1 it could not start (the port is taken, the data directory cannot be written); 2 bad arguments.',
};

async function witness(args: string[]): Promise<number | void> {
  const { values } = parseCommandLine({
    args,
    options: {
      name: { type: 'string' },
      'ledger-key': { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is needed: how the witness names itself in its co-signatures');
  if (name.length > 200) throw new UsageError('--name must be at most 200 characters');
  const keyFiles = values['ledger-key'] ?? [];
  if (keyFiles.length === 0) throw new UsageError('--ledger-key is needed: the public key of the ledger to witness');
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (not ${values.port})`);
  const host = values.host ?? '127.0.0.1';
  const dataDir = values['data-dir'] ?? './witness-data';
  let ledgerKeys: Map<string, string>;
  try {
    ledgerKeys = readLedgerKeys(keyFiles);
  } catch (error) {
    if (error instanceof LedgerKeyError) throw new UsageError(error.message);
    throw error;
  }

  const key = loadWitnessKey(dataDir);
  const heads = openCosignedHeads(join(dataDir, 'cosigned-heads.sqlite'));
  const app = buildWitnessApp({ witness: createWitness({ name, key, heads, ledgerKeys }), log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    heads.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  try {
    await app.listen({ host, port });
  } catch (error) {
    heads.close();
    throw error;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(`witness "${name}", key id ${key.keyId}, witnessing ${ledgerKeys.size} ledger key${ledgerKeys.size === 1 ? '' : 's'}`);
  console.log(`listening on http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
}

await runCommand(USAGE, witness);
