import { Gauge, type Registry } from 'prom-client';
import type { RunningProjection } from '../read-models/projector.js';
import type { EventStore } from '../store/port.js';

/** How many entries each read model is behind the ledger's head, and the head itself, read at each scrape. */
export function observeProjectionLag(registry: Registry, store: Pick<EventStore, 'headPosition'>, projections: readonly Pick<RunningProjection, 'name' | 'position'>[]): void {
  let head = 0;
  const readHead = async () => {
    try {
      head = await store.headPosition();
    } catch {
      // A store that does not answer is readiness's to report: the scrape keeps the last values it had.
    }
  };
  new Gauge({
    name: 'send_ledger_ledger_head_position',
    help: 'Global position of the newest entry in the ledger',
    registers: [registry],
    async collect() {
      await readHead();
      this.set(head);
    },
  });
  new Gauge({
    name: 'send_ledger_projection_lag_entries',
    help: 'Entries in the ledger not yet folded into the read model',
    labelNames: ['read_model'] as const,
    registers: [registry],
    async collect() {
      await readHead();
      for (const projection of projections) this.set({ read_model: projection.name }, Math.max(0, head - projection.position));
    },
  });
}
