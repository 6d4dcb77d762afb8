import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { rebuildProjection } from '../read-models/rebuild.js';
import { progressWriter, renderProgress } from './progress-bar.js';

/** npm run rebuild [-- <projection>]: drop and refold one read model, or all of them, from the log. */
const { positionals } = parseArgs({ allowPositionals: true });
const names = PROJECTIONS.map((p) => p.name);
const chosen = positionals.length === 0 ? PROJECTIONS : PROJECTIONS.filter((p) => positionals.includes(p.name));
const unknown = positionals.filter((name) => !names.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown projection ${unknown.join(', ')}. Known: ${names.join(', ')}`);
  process.exit(2);
}

const config = loadConfigOrExit();
const store = await openConfiguredStore(config);
try {
  const { readModels } = store;
  for (const projection of chosen) {
    const out = progressWriter();
    const result = await rebuildProjection(store, readModels, projection, (p) =>
      out.update(renderProgress(p.projection, p.done, p.total, p.eventsPerSecond, p.etaSeconds)),
    );
    out.finish(renderProgress(result.projection, result.done, result.total, result.eventsPerSecond, 0));
  }
} finally {
  await store.close();
}
