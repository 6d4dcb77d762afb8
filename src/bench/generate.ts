import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProgress, progressWriter } from '../cli/progress-bar.js';
import { parseConfig } from '../config/config.js';
import { createSimulatedClock } from '../demo/simulated-clock.js';
import { verifyLedger } from '../integrity/verify-ledger.js';
import { PROJECTIONS } from '../read-models/projections.js';
import { rebuildProjections } from '../read-models/rebuild.js';
import { openSeedingLedger } from './seed-store.js';
import { MANIFEST_FILE, loadSyntheticLa, type SyntheticLaManifest, type SyntheticLaOptions } from './synthetic-la.js';

/** Wall-clock seconds of each phase, and the CPU seconds this process spent in it (user and system): on a shared machine the second is the one to compare. */
export interface PhaseTimings {
  generateSeconds: number;
  readModelSeconds: number;
  verifySeconds?: number;
  cpu: { generateSeconds: number; readModelSeconds: number; verifySeconds?: number };
}

export interface GeneratedLa extends SyntheticLaManifest {
  timings: PhaseTimings;
  bytes: number;
  verified: { entries: number; streams: number } | null;
}

/**
 * Generate a synthetic LA into an empty data directory the server can open: the ledger (encrypted as the
 * server keeps it), its read models rebuilt, every hash chain verified, and synthetic-la.json beside it.
 * Progress bars go to stderr.
 */
export async function generateLaInto(dataDir: string, options: SyntheticLaOptions & { verify?: boolean }): Promise<GeneratedLa> {
  const config = parseConfig({ NODE_ENV: 'development', SEND_LEDGER_DATA_DIR: dataDir, SEND_LEDGER_STORE: 'sqlite' });
  const clock = createSimulatedClock();
  const ledger = openSeedingLedger(config, clock.now);
  const bar = progressWriter();
  let manifest: SyntheticLaManifest;
  let verified: GeneratedLa['verified'] = null;
  const timings: PhaseTimings = { generateSeconds: 0, readModelSeconds: 0, cpu: { generateSeconds: 0, readModelSeconds: 0 } };
  let cpuFrom = process.cpuUsage();
  const cpuSince = () => {
    const used = process.cpuUsage(cpuFrom);
    cpuFrom = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  };
  try {
    // Every entry through the store's own append and checks; only the commit per append is saved.
    const loaded = await ledger.inner.bulkLoad(() =>
      loadSyntheticLa(ledger.store, clock, options, (p) => {
        const eta = p.perSecond > 0 ? (p.estimated - p.appended) / p.perSecond : Number.POSITIVE_INFINITY;
        bar.update(renderProgress(`generate ${p.on}`, p.appended, p.estimated, p.perSecond, eta));
      }),
    );
    manifest = loaded.manifest;
    timings.generateSeconds = loaded.seconds;
    timings.cpu.generateSeconds = cpuSince();
    bar.finish(renderProgress('generate', manifest.appends, manifest.appends, manifest.appends / loaded.seconds, 0));

    const rebuildStarted = performance.now();
    // Every read model in one pass over the log, as `npm run rebuild` does.
    const line = progressWriter();
    const result = await rebuildProjections(ledger.store, ledger.readModels, PROJECTIONS, (p) =>
      line.update(renderProgress('read models', p.done, p.total, p.eventsPerSecond, p.etaSeconds)),
    );
    line.finish(renderProgress('read models', result.done, result.total, result.eventsPerSecond, 0));
    timings.readModelSeconds = (performance.now() - rebuildStarted) / 1000;
    timings.cpu.readModelSeconds = cpuSince();

    if (options.verify !== false) {
      const verifyStarted = performance.now();
      const report = await verifyLedger(ledger.inner);
      timings.verifySeconds = (performance.now() - verifyStarted) / 1000;
      timings.cpu.verifySeconds = cpuSince();
      if (!report.ok) throw new Error(`the generated ledger does not verify: ${report.firstFault?.problem}`);
      verified = { entries: report.checkedEvents, streams: report.checkedStreams };
    }
  } finally {
    await ledger.close();
  }
  const bytes = readdirSync(dataDir).reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0);
  const generated: GeneratedLa = { ...manifest, timings, bytes, verified };
  writeFileSync(join(dataDir, MANIFEST_FILE), `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  return generated;
}
