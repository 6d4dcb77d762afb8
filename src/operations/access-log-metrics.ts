import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AccessLog } from '../access-log/port.js';

/**
 * The access log as the server uses it, measured: every response that read a child waits for its entries to be
 * durable, so appends waiting (queued for the next group commit or being committed) and their latency are the
 * read path's back-pressure.
 */
export function observedAccessLog(log: AccessLog, registry: Registry): AccessLog {
  const waiting = new Gauge({
    name: 'send_ledger_access_log_appends_waiting',
    help: 'Access-log appends queued for or in a commit, each holding back the response that read a child',
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'send_ledger_access_log_append_duration_seconds',
    help: 'Time from a response asking for its access entries to be recorded to their being durable, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const entries = new Counter({
    name: 'send_ledger_access_log_entries_total',
    help: 'Access entries durably recorded',
    registers: [registry],
  });
  return {
    forChild: (childId, options) => log.forChild(childId, options),
    verify: () => log.verify(),
    ...(log.writable ? { writable: () => log.writable!() } : {}),
    close: () => log.close(),
    async append(appended) {
      if (appended.length === 0) return log.append(appended);
      waiting.inc();
      const stop = duration.startTimer();
      try {
        await log.append(appended);
        stop({ outcome: 'ok' });
        entries.inc(appended.length);
      } catch (error) {
        stop({ outcome: 'error' });
        throw error;
      } finally {
        waiting.dec();
      }
    },
  };
}
