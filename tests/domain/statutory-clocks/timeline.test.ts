import { describe, expect, it } from 'vitest';
import { computeClocks } from '../../../src/domain/statutory-clocks/compute-clocks.js';
import { untilFinal } from '../child-record.fixtures.js';
import { adviceReceived, adviceRequested, corrected, decidedToAssess, entry, given, ids, requested } from './clock-builders.js';

describe('statutory clocks: which entries count, and on which date', () => {
  it('uses the corrected claimed date: a request corrected from 6 to 13 January 2025 is due on 24 February', () => {
    const original = requested('2025-01-06');
    const clock = given(original, corrected('2025-01-20', original, { correctedOccurredAt: '2025-01-13T09:00:00.000Z' })).asOf('2025-02-01').clock('decide-whether-to-assess');
    expect(clock).toMatchObject({ triggerDate: '2025-01-13', dueDate: '2025-02-24', startedBy: { eventId: original.eventId } });
  });

  it('a retracted entry no longer meets a clock', () => {
    const received = adviceReceived('2025-03-01');
    const then = given(adviceRequested('2025-02-18'), received, corrected('2025-03-05', received, { retracted: true })).asOf('2025-04-10');
    expect(then.clock('advice')).toMatchObject({ state: 'missed', daysLate: 9, stoppedBy: null });
  });

  it('entries claimed after asOf have not happened yet', () => {
    const then = given(requested('2025-01-06'), decidedToAssess('2025-02-20'));
    expect(then.asOf('2025-02-19').clock('decide-whether-to-assess')).toMatchObject({ state: 'missed', daysLate: 2, stoppedBy: null });
    expect(then.asOf('2025-01-05').clocks).toEqual([]);
  });

  it('the legal date is the date in England: 23:30 UTC on 1 July 2025 is 2 July (BST), one day late for a 1 July deadline', () => {
    // Request 20 May 2025: 6 weeks end Tuesday 1 July.
    const decided = (occurredAt: string) => entry('DecisionToAssess', { requestId: ids.request }, occurredAt);
    const clockWith = (occurredAt: string) => given(requested('2025-05-20'), decided(occurredAt)).asOf('2025-08-01').clock('decide-whether-to-assess');
    expect(clockWith('2025-07-01T22:30:00.000Z')).toMatchObject({ state: 'met_on_time', stoppedBy: { on: '2025-07-01' } });
    expect(clockWith('2025-07-01T23:30:00.000Z')).toMatchObject({ state: 'met_late', daysLate: 1, stoppedBy: { on: '2025-07-02' } });
  });

  it('reads the child record’s own entries (ChildEvent): the fixture journey met every assessment limit', () => {
    const clocks = computeClocks(untilFinal, '2025-06-01');
    expect(clocks.map((clock) => [clock.ruleId, clock.dueDate, clock.state])).toEqual([
      ['decide-whether-to-assess', '2025-02-24', 'met_on_time'],
      ['decision-whether-to-issue', '2025-05-05', 'met_on_time'],
      ['final-plan', '2025-06-02', 'met_on_time'],
      ['advice', '2025-04-01', 'met_on_time'],
      ['annual-review', '2026-05-15', 'pending'],
      ['appeal-window', '2025-07-16', 'open'],
    ]);
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => computeClocks([], '2025-02-30')).toThrow(RangeError);
  });
});
