/**
 * The recording clock the demo loader hands to the store.
 *
 * In the running service the store stamps every entry's recorded time from the real clock, and no
 * API accepts a recorded time. The demo loader is a seeding tool: to make the sample look like
 * years of real use, it opens the store with this clock and sets it, before each entry, to the
 * moment that entry is meant to have been recorded (shortly after it happened, or weeks later
 * for the deliberately late ones). Nothing else about the write path changes.
 */
export interface SimulatedClock {
  /** Pass this to the store and to the write path: it returns the simulated recording time. */
  readonly now: () => Date;
  /** Move the clock to an ISO 8601 date-time. */
  set(at: string): void;
}

export function createSimulatedClock(start = '2022-01-01T00:00:00.000Z'): SimulatedClock {
  let current = parse(start);
  return {
    now: () => new Date(current),
    set(at: string) {
      current = parse(at);
    },
  };
}

function parse(at: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`simulated clock: not an ISO 8601 date-time: ${at}`);
  return ms;
}
