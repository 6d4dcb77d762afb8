import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { rebuildProjections } from '../read-models/rebuild.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';
import { progressWriter, renderProgress } from './progress-bar.js';

const NAMES = PROJECTIONS.map((p) => p.name);

const USAGE: Usage = {
  script: 'rebuild',
  summary:
    'drop and refold the named read models, or all of them, in one pass over the log, with a progress line ' +
    '(events/s and time left) on stderr.',
  synopsis: ['[<projection>...]'],
  options: [['<projection>', `a read model to rebuild (default: all): ${NAMES.join(', ')}`]],
  environment: LEDGER_SETTINGS,
  examples: ['npm run rebuild', 'npm run rebuild -- promise-register'],
  exitStatus: `0 rebuilt; 1 the rebuild failed; 2 an unknown projection or flag; ${CONFIG_EXIT}.`,
};

async function rebuild(args: string[]): Promise<void> {
  const { positionals } = parseCommandLine({ args, allowPositionals: true });
  const unknown = positionals.filter((name) => !NAMES.includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown projection ${unknown.join(', ')}. Known: ${NAMES.join(', ')}`);
  const chosen = positionals.length === 0 ? PROJECTIONS : PROJECTIONS.filter((p) => positionals.includes(p.name));

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
}

await runCommand(USAGE, rebuild);
