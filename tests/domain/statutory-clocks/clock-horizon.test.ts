import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/iso-date.js';
import { toChildEvent } from '../../../src/domain/child-record/decider.js';
import type { ChildEvent } from '../../../src/domain/child-record/events.js';
import { computeClocks, computeClocksAndHorizon } from '../../../src/domain/statutory-clocks/compute-clocks.js';
import type { StatutoryClock } from '../../../src/domain/statutory-clocks/clock.js';
import { judgedOn } from '../../../src/domain/statutory-clocks/judged-on.js';
import { ChildSummaries } from '../../../src/application/child-summaries.js';
import { createSimulatedClock } from '../../../src/demo/simulated-clock.js';
import { loadSyntheticLa } from '../../../src/bench/synthetic-la.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { decidedToAssess, draftIssued, exceptionEnded, exceptionInvoked, requested } from './clock-builders.js';

/**
 * Clocks worked out on one day and judged on a later one, up to their horizon, are exactly the clocks worked out
 * on that later day: checked on every child of a small synthetic LA (requests, refusals, exceptions, plans,
 * reviews, phase transfers, moves, appeals), on days spread over its decade.
 */
/** Clocks cut to their summaries, as a list over an LA keeps them. */
const summarised = (clocks: StatutoryClock[]) => new ChildSummaries().keepClocks('child', 0, '2000-01-01', { clocks, unchangedThrough: '2000-01-01' });

describe('clocks judged on a later day within their horizon', () => {
  const children: ChildEvent[][] = [];

  beforeAll(async () => {
    const clock = createSimulatedClock();
    const store = createMemoryStore(clock.now);
    await loadSyntheticLa(store, clock, { scale: 0.002, seed: 11 });
    for (const head of await store.streamHeads()) {
      if (head.streamId.startsWith('child-')) children.push((await store.readStream(head.streamId)).map(toChildEvent));
    }
  }, 120_000);

  it('are the clocks computed on that day, whole (state, lateness, every other field)', () => {
    let judged = 0;
    let heldBeyondTheDay = 0;
    let changedState = 0;
    for (const [i, events] of children.entries()) {
      for (let computedOn = '2016-03-01'; computedOn < '2027-01-01'; computedOn = addDays(computedOn, 173 + (i % 29))) {
        const { clocks, unchangedThrough } = computeClocksAndHorizon(events, computedOn);
        expect(unchangedThrough >= computedOn).toBe(true);
        if (unchangedThrough > computedOn) heldBeyondTheDay++;
        const last = unchangedThrough < addDays(computedOn, 400) ? unchangedThrough : addDays(computedOn, 400);
        for (const asOf of new Set([addDays(computedOn, 1) <= last ? addDays(computedOn, 1) : last, addDays(computedOn, 15) <= last ? addDays(computedOn, 15) : last, last])) {
          const later = computeClocks(events, asOf);
          expect(clocks.map((c) => judgedOn(c, asOf))).toEqual(later);
          expect(summarised(clocks).map((c) => judgedOn(c, asOf))).toEqual(summarised(later));
          judged += later.length;
          changedState += later.filter((c, n) => c.state !== clocks[n]!.state).length;
        }
      }
    }
    // Not vacuous: many clocks judged, most horizons beyond the day, and some clocks whose state moved with the day.
    expect(children.length).toBeGreaterThan(20);
    expect(judged).toBeGreaterThan(1_000);
    expect(heldBeyondTheDay).toBeGreaterThan(100);
    expect(changedState).toBeGreaterThan(20);
  });

  it('ends the day before an entry dated later joins the timeline, and on the day itself while an exception is open', () => {
    const assessment = [requested('2025-01-06'), decidedToAssess('2025-02-10')];
    // A draft dated 25 April is recorded ahead of its date: the clocks as of 1 April hold until 24 April.
    expect(computeClocksAndHorizon([...assessment, draftIssued('2025-04-25')], '2025-04-01').unchangedThrough).toBe('2025-04-24');
    // With nothing later, until the eve of the next school year (phase-transfer clocks open on 1 September).
    expect(computeClocksAndHorizon(assessment, '2025-04-01').unchangedThrough).toBe('2025-08-31');
    // An exception with no end yet counts its days up to asOf: tomorrow's clocks differ, and so the horizon is today.
    const open = exceptionInvoked('2025-03-03', { from: '2025-03-03', ground: 'd' });
    const { clocks, unchangedThrough } = computeClocksAndHorizon([...assessment, open], '2025-04-01');
    expect(unchangedThrough).toBe('2025-04-01');
    const finalPlan = (asOf: string) => computeClocks([...assessment, open], asOf).find((c) => c.ruleId === 'final-plan')!;
    expect(finalPlan('2025-04-02').dueDateWithExceptions).not.toBe(clocks.find((c) => c.ruleId === 'final-plan')!.dueDateWithExceptions);
    // Once it has ended, its days are fixed and the horizon runs on again.
    expect(computeClocksAndHorizon([...assessment, open, exceptionEnded('2025-03-20', '2025-03-20')], '2025-04-01').unchangedThrough).toBe('2025-08-31');
  });
});
