import type { AccessLog } from '../access-log/port.js';
import type { RunningProjection } from '../read-models/projector.js';
import type { EventStore } from '../store/port.js';

export interface ReadinessBounds {
  /** A store, or an access log, that takes longer than this to answer is as good as down to a caller. */
  answerWithinMs: number;
  /** A read model further behind the head than this is rebuilding (after an upgrade) or stuck, however fresh the entries. */
  maxEntriesBehind: number;
  /**
   * A read model behind by entries recorded longer ago than this is rebuilding or stuck; one behind only by
   * entries recorded within it is keeping up with writes (it folds each append a moment after it is committed).
   */
  maxSecondsBehind: number;
}

export const READINESS_BOUNDS: ReadinessBounds = { answerWithinMs: 2000, maxEntriesBehind: 1000, maxSecondsBehind: 10 };

export type CheckName = 'store' | 'read-models' | 'access-log';

export interface ReadinessCheck {
  check: CheckName;
  ok: boolean;
  /** Why not, in words with no personal data: read model names and counts only. */
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

export interface ReadinessSources {
  store: Pick<EventStore, 'headPosition' | 'readAll'>;
  readModels: readonly Pick<RunningProjection, 'name' | 'position' | 'failed'>[];
  accessLog: Pick<AccessLog, 'writable'>;
  clock: () => Date;
}

class TooSlow extends Error {}

function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TooSlow()), ms);
  });
  return Promise.race([work(), late]).finally(() => clearTimeout(timer));
}

const failure = (error: unknown, bounds: ReadinessBounds) => (error instanceof TooSlow ? `did not answer within ${bounds.answerWithinMs} ms` : 'did not answer');

/**
 * Whether this server should be sent traffic: the store answers, every read model is caught up with the log
 * (within the bounds), and the access log can be written (no read of a child may go unrecorded).
 */
export async function checkReadiness(sources: ReadinessSources, bounds: ReadinessBounds = READINESS_BOUNDS): Promise<Readiness> {
  const [head, accessLog] = await Promise.all([
    within(bounds.answerWithinMs, () => sources.store.headPosition()).then(
      (position): number => position,
      (error: unknown) => failure(error, bounds),
    ),
    checkAccessLog(sources, bounds),
  ]);
  const store: ReadinessCheck = typeof head === 'number' ? { check: 'store', ok: true } : { check: 'store', ok: false, reason: `the store ${head}` };
  const readModels: ReadinessCheck =
    typeof head === 'number' ? await checkReadModels(sources, head, bounds) : { check: 'read-models', ok: false, reason: 'not checked: the store did not answer' };
  const checks = [store, readModels, accessLog];
  return { ready: checks.every((c) => c.ok), checks };
}

async function checkReadModels(sources: ReadinessSources, head: number, bounds: ReadinessBounds): Promise<ReadinessCheck> {
  const problems = await Promise.all(sources.readModels.map((readModel) => problemOf(readModel, head, sources, bounds)));
  const reasons = problems.filter((p): p is string => p !== null);
  return reasons.length === 0 ? { check: 'read-models', ok: true } : { check: 'read-models', ok: false, reason: reasons.join('; ') };
}

async function problemOf(
  readModel: Pick<RunningProjection, 'name' | 'position' | 'failed'>,
  head: number,
  sources: ReadinessSources,
  bounds: ReadinessBounds,
): Promise<string | null> {
  if (readModel.failed) return `${readModel.name} stopped on an error`;
  const behind = head - readModel.position;
  if (behind <= 0) return null;
  if (behind > bounds.maxEntriesBehind) return `${readModel.name} is ${behind} entries behind the ledger`;
  try {
    const [oldest] = await within(bounds.answerWithinMs, () => sources.store.readAll(readModel.position + 1, 1));
    if (!oldest) return null;
    const seconds = (sources.clock().getTime() - Date.parse(oldest.metadata.recordedAt)) / 1000;
    return seconds > bounds.maxSecondsBehind ? `${readModel.name} is ${behind} entries behind the ledger, the oldest recorded ${Math.round(seconds)} s ago` : null;
  } catch (error) {
    return `${readModel.name} is ${behind} entries behind the ledger, and the store ${failure(error, bounds)}`;
  }
}

async function checkAccessLog(sources: ReadinessSources, bounds: ReadinessBounds): Promise<ReadinessCheck> {
  const { accessLog } = sources;
  // An access log that cannot tell (one a test makes) is taken to be writable.
  if (!accessLog.writable) return { check: 'access-log', ok: true };
  try {
    if (await within(bounds.answerWithinMs, () => accessLog.writable!())) return { check: 'access-log', ok: true };
    return { check: 'access-log', ok: false, reason: 'the access log cannot be written' };
  } catch (error) {
    return { check: 'access-log', ok: false, reason: `the access log ${failure(error, bounds)}` };
  }
}
