import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { rebuildProjections } from '../read-models/rebuild.js';
import { progressWriter, renderProgress } from './progress-bar.js';

/** npm run rebuild [-- <projection>...]: drop and refold the named read models, or all of them, in one pass over the log. */
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
  // One bar for the one pass; the names are listed once, so the bar's line stays short enough to redraw.
  const label = chosen.length === 1 ? chosen[0]!.name : `${chosen.length} read models`;
  if (chosen.length > 1) console.error(`Rebuilding ${chosen.map((p) => p.name).join(', ')} in one pass over the log`);
  const out = progressWriter();
  const result = await rebuildProjections(store, readModels, chosen, (p) =>
    out.update(renderProgress(label, p.done, p.total, p.eventsPerSecond, p.etaSeconds)),
  );
  out.finish(renderProgress(label, result.done, result.total, result.eventsPerSecond, 0));
} finally {
  await store.close();
}
