import { resolve } from 'node:path';
import { createTokenVerifier } from './api/auth/token-verifier.js';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config/load-config.js';
import { ledgerFile, openConfiguredStore } from './config/open-store.js';
import { tokenSettingsFrom } from './config/token-settings.js';
import { sqliteReadModels } from './read-models/sqlite-read-models.js';

const config = loadConfigOrExit();
const store = openConfiguredStore(config);
const app = await buildApp({ config, store, readModels: sqliteReadModels(store.database), verifyToken: createTokenVerifier(tokenSettingsFrom(config)) });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ host: config.HOST, port: config.PORT });
const url = `${address}/graphql`;
console.log(`
SEND Ledger is running on the embedded SQLite store (${resolve(ledgerFile(config))}).
  GraphQL endpoint: ${url}${config.NODE_ENV === 'development' ? `\n  GraphiQL:         ${address}/graphiql` : ''}
  Get a development token (in another terminal):
    npm run token -- --role la_officer --org 202 --name "Sam Okafor"
  then send it as:   Authorization: Bearer <token>
  Sample data:       npm run demo   (loads several children's records)
`);
