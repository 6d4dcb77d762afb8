import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { consistencyProofBetween, inclusionProofFor } from '../integrity/proofs.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import { CorruptEntry } from '../store/errors.js';
import { latestTreeHead, publishTreeHead } from '../integrity/tree-heads.js';

const usage = `npm run tree -- head                      the newest signed tree head
npm run tree -- publish                   sign and keep a tree head of the log now
npm run tree -- inclusion <eventId> [size] proof that an entry is in the log (of <size> entries)
npm run tree -- consistency <old> <new>   proof that the log of <old> entries is a prefix of <new>
npm run tree -- key                       the public key that signs tree heads`;

const [command, a, b] = process.argv.slice(2);
const config = loadConfigOrExit();
const store = await openConfiguredStore(config);
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
try {
  const key = loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY);
  if (command === 'head') print(await latestTreeHead(store));
  else if (command === 'publish') print(await publishTreeHead(store, key, () => new Date()));
  else if (command === 'inclusion' && a) print(await inclusionProofFor(store, a, b ? Number(b) : undefined));
  else if (command === 'consistency' && a && b) print(await consistencyProofBetween(store, Number(a), Number(b)));
  else if (command === 'key') print({ keyId: key.keyId, publicKeyPem: key.publicKeyPem });
  else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  // A proof is never made over rows verification would refuse: say so, rather than print a stack.
  if (!(error instanceof CorruptEntry)) throw error;
  console.error(`The ledger cannot be proved: ${error.message}. Run npm run verify for the whole picture.`);
  process.exitCode = 1;
} finally {
  await store.close();
}
