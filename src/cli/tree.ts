import { askWitnesses } from '../integrity/witness/ask-witnesses.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { consistencyProofBetween, inclusionProofFor } from '../integrity/proofs.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import { CorruptEntry } from '../store/errors.js';
import { latestTreeHead, publishTreeHead } from '../integrity/tree-heads.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'tree',
  summary: "the ledger's Merkle tree: signed tree heads and the proofs an outsider checks against them, printed as JSON.",
  synopsis: ['head', 'publish', 'inclusion <eventId> [size]', 'consistency <old> <new>', 'key'],
  options: [
    ['head', 'the newest signed tree head (null when none has been signed)'],
    ['publish', 'sign and keep a tree head of the log now'],
    ['inclusion <eventId> [size]', 'proof that an entry is in the log (of <size> entries; default the whole log)'],
    ['consistency <old> <new>', 'proof that the log of <old> entries is a prefix of the log of <new>'],
    ['key', 'the public key that signs tree heads'],
  ],
  environment: [...LEDGER_SETTINGS, ['TREE_HEAD_SIGNING_KEY', 'PKCS#8 PEM of the signing key (default: generated in the data directory)']],
  examples: ['npm run tree -- head', 'npm run tree -- inclusion <eventId from the audit trail> 1200', 'npm run tree -- consistency 1000 1200'],
  exitStatus: `0 printed; 1 no such entry or log size, or the ledger fails its integrity check; 2 bad arguments; ${CONFIG_EXIT}.`,
};

type TreeCommand =
  | { kind: 'head' | 'publish' | 'key' }
  | { kind: 'inclusion'; eventId: string; size: number | undefined }
  | { kind: 'consistency'; oldSize: number; newSize: number };

/** The command, checked before the ledger is opened. */
function treeCommand(args: string[]): TreeCommand {
  const { positionals } = parseCommandLine({ args, allowPositionals: true });
  const [kind, ...rest] = positionals;
  const arity = (min: number, max: number) => {
    if (rest.length < min || rest.length > max) throw new UsageError(`${kind} takes ${min === max ? min : `${min} or ${max}`} argument${max === 1 ? '' : 's'}, not ${rest.length}`);
  };
  const size = (text: string, name: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of entries, at least 1 (not ${text})`);
    return n;
  };
  switch (kind) {
    case 'head':
    case 'publish':
    case 'key':
      arity(0, 0);
      return { kind };
    case 'inclusion':
      arity(1, 2);
      return { kind, eventId: rest[0]!, size: rest[1] === undefined ? undefined : size(rest[1], '[size]') };
    case 'consistency': {
      arity(2, 2);
      const [oldSize, newSize] = [size(rest[0]!, '<old>'), size(rest[1]!, '<new>')];
      if (oldSize > newSize) throw new UsageError(`<old> (${oldSize}) must not be larger than <new> (${newSize})`);
      return { kind, oldSize, newSize };
    }
    case undefined:
      throw new UsageError('say what to print: head, publish, inclusion, consistency or key');
    default:
      throw new UsageError(`unknown command ${kind}: head, publish, inclusion, consistency or key`);
  }
}

async function tree(args: string[]): Promise<number> {
  const command = treeCommand(args);
  const config = loadConfigOrExit();
  const store = await openConfiguredStore(config);
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  try {
    const key = loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY);
    switch (command.kind) {
      case 'head':
        print(await latestTreeHead(store));
        return 0;
      case 'publish': {
        const head = await publishTreeHead(store, key, () => new Date());
        // Sent to the configured witnesses like every other head, so a head handed out has its co-signatures kept.
        const witnesses = config.WITNESS_URLS.map((url) => ({ url }));
        const answers = witnesses.length > 0 ? await askWitnesses({ store, witnesses }, head) : { cosignatures: [], refusals: [] };
        print({ ...head, cosignatures: answers.cosignatures, ...(answers.refusals.length > 0 ? { witnessRefusals: answers.refusals } : {}) });
        return 0;
      }
      case 'key':
        print({ keyId: key.keyId, publicKeyPem: key.publicKeyPem });
        return 0;
      case 'inclusion': {
        const proof = await inclusionProofFor(store, command.eventId, command.size);
        if (proof) print(proof);
        else console.error(`No entry ${command.eventId} in the log${command.size === undefined ? '' : ` of ${command.size} entries (or the log is shorter)`}.`);
        return proof ? 0 : 1;
      }
      case 'consistency': {
        const proof = await consistencyProofBetween(store, command.oldSize, command.newSize);
        if (proof) print(proof);
        else console.error(`The log does not have ${command.newSize} entries.`);
        return proof ? 0 : 1;
      }
    }
  } catch (error) {
    // A proof is never made over rows verification would refuse: say so, rather than print a stack.
    if (!(error instanceof CorruptEntry)) throw error;
    console.error(`The ledger cannot be proved: ${error.message}. Run npm run verify for the whole picture.`);
    return 1;
  } finally {
    await store.close();
  }
}

await runCommand(USAGE, tree);
