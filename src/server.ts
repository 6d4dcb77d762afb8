import { resolve } from 'node:path';
import { createTokenVerifier } from './api/auth/token-verifier.js';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config/load-config.js';
import { ledgerFile, ledgerLocation, openConfiguredStore } from './config/open-store.js';
import { tokenSettingsFrom } from './config/token-settings.js';
import { loadSigningKey } from './integrity/signing-key.js';
import { publishTreeHeadsEvery } from './integrity/tree-heads.js';
import { askWitnesses } from './integrity/witness/ask-witnesses.js';

const config = loadConfigOrExit();
const store = await openConfiguredStore(config);
const signingKey = loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY);
const app = await buildApp({ config, store, readModels: store.readModels, verifyToken: createTokenVerifier(tokenSettingsFrom(config)), signingKey, keys: store.keys, accessLog: store.accessLog });
const witnesses = config.WITNESS_URLS.map((url) => ({ url }));
const stopPublishing =
  config.TREE_HEAD_INTERVAL_SECONDS === 0
    ? () => {}
    : publishTreeHeadsEvery(
        config.TREE_HEAD_INTERVAL_SECONDS,
        store,
        signingKey,
        () => new Date(),
        (error) => app.log.error({ err: error }, 'publishing a tree head failed'),
        async (head) => {
          if (witnesses.length === 0) return;
          const { cosignatures, refusals } = await askWitnesses({ store, witnesses }, head);
          for (const refusal of refusals) app.log.warn({ witness: refusal.url, code: refusal.code }, `a witness did not co-sign tree head ${head.treeSize}: ${refusal.reason}`);
          app.log.info({ treeSize: head.treeSize, cosignatures: cosignatures.length }, 'tree head co-signed');
        },
      );

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  stopPublishing();
  await app.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ host: config.HOST, port: config.PORT });
const url = `${address}/graphql`;
// A production install has no development tools, and its tokens come from the identity provider: no hints for them.
const developmentHints = `
  Get a development token for the API (in another terminal):
    npm run token -- --role la_officer --org 202 --name "Sam Okafor"
  then send it as:   Authorization: Bearer <token>
  Sample data:       npm run demo   (loads several children's records)`;
console.log(`
SEND Ledger is running on ${config.SEND_LEDGER_STORE === 'sqlite' ? `the embedded SQLite store (${resolve(ledgerFile(config))})` : ledgerLocation(config)}.
  Web service:      ${address}/${config.NODE_ENV !== 'production' && config.DEV_SIGN_IN !== 'off' ? '   (development sign-in: choose one of the demo people)' : ''}
  GraphQL endpoint: ${url}${config.NODE_ENV === 'development' ? `\n  GraphiQL:         ${address}/graphiql` : ''}${config.NODE_ENV === 'production' ? '' : developmentHints}
`);
