import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { PhaseResult } from './phases.js';
import { formatNumber } from './stats.js';

/** What the issue asks of each phase: a ratio to the raw-driver baseline in the same run. */
export const TARGETS: Partial<Record<PhaseResult['phase'], number>> = {
  'interactive append': 0.8,
  'bulk append': 0.7,
  'stream read': 0.5,
  'replay into projections': 0.5,
};

/** What counts as durable throughput rising with 32 writers (more than the noise between alternating rounds). */
export const CONCURRENT_RISE = 1.2;

export interface Comparison {
  /** The phase, with the number of writers for the concurrent phase. */
  phase: string;
  store: PhaseResult['store'];
  variant: string;
  figure: number;
  unit: PhaseResult['unit'];
  p50Ms: number | null;
  p99Ms: number | null;
  baselineVariant: string | null;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export const machine = (): Machine => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 1e9),
  platform: `${platform()} ${release()}`,
  node: process.version,
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
});

/**
 * Each ledger figure beside its baseline, the raw driver in the same phase on the same kind of store; in
 * the concurrent phase, each system's 32 writers beside its own single writer (group commit should lift it).
 */
export function compare(results: readonly PhaseResult[]): Comparison[] {
  return results.map((r) => {
    const phase = r.writers === undefined ? r.phase : `${r.phase} (${r.writers} writer${r.writers === 1 ? '' : 's'})`;
    let baseline: PhaseResult | undefined;
    let target: string | null = null;
    let met: boolean | null = null;
    if (r.phase === 'concurrent append' && (r.writers ?? 1) > 1) {
      // Against this system's own single writer, measured in alternating rounds: does durable throughput rise?
      const single = results.find((s) => s.phase === r.phase && s.store === r.store && s.variant === r.variant && s.writers === 1);
      baseline = single;
      // A rise beyond run-to-run noise: one writer after another measures within a few percent of itself.
      target = `>= ${CONCURRENT_RISE} x 1 writer`;
      met = single ? r.perSecond >= CONCURRENT_RISE * single.perSecond : null;
    } else if (!r.baseline && r.phase !== 'concurrent append') {
      baseline = results.find((b) => b.baseline && b.phase === r.phase && b.store === r.store);
      const wanted = TARGETS[r.phase];
      if (wanted !== undefined) {
        target = `>= ${wanted} x`;
        met = baseline ? r.perSecond / baseline.perSecond >= wanted : null;
      }
    }
    return {
      phase,
      store: r.store,
      variant: r.variant,
      figure: r.perSecond,
      unit: r.unit,
      p50Ms: r.latency?.p50Ms ?? null,
      p99Ms: r.latency?.p99Ms ?? null,
      baselineVariant: baseline ? `${baseline.variant}${r.phase === 'concurrent append' ? ', 1 writer' : ''}` : null,
      baseline: baseline?.perSecond ?? null,
      ratio: baseline ? r.perSecond / baseline.perSecond : null,
      target,
      met,
    };
  });
}

/** A plain-text table, one row per system and phase. */
export function table(comparisons: readonly Comparison[]): string {
  const header = ['phase', 'store', 'system', 'figure', 'unit', 'p50 ms', 'p99 ms', 'baseline', 'ratio', 'target'];
  const rows = comparisons.map((c) => [
    c.phase,
    c.store,
    c.variant,
    formatNumber(c.figure),
    c.unit,
    formatNumber(c.p50Ms),
    formatNumber(c.p99Ms),
    c.baseline === null ? '' : `${formatNumber(c.baseline)} (${c.baselineVariant})`,
    c.ratio === null ? '' : `${c.ratio.toFixed(2)} x`,
    c.target === null ? '' : `${c.target} ${c.met === null ? '?' : c.met ? 'met' : 'MISSED'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= 3 && i <= 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
