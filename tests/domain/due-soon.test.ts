import { describe, expect, it } from 'vitest';
import type { ChildEvent } from '../../src/domain/child-record/events.js';
import { computeClocks } from '../../src/domain/statutory-clocks/compute-clocks.js';
import { dueSoonByRule } from '../../src/domain/statutory-clocks/due-soon.js';
import { untilDecision, untilFinal, untilRequest } from './child-record.fixtures.js';

const desk = (events: ChildEvent[], today: string) => dueSoonByRule(computeClocks(events, today), today);

describe("a caseworker's desk: duties due within 4 weeks or missed, by rule", () => {
  it('shows a duty due within the 4 weeks, with its rule, period and law, and leaves out those due later', () => {
    // Asked on 13 January 2025: the decision whether to assess is due on 24 February; the draft and final plan in May and June.
    const groups = desk(untilRequest, '2025-02-01');
    expect(groups.map((g) => g.rule.id)).toEqual(['decide-whether-to-assess']);
    expect(groups[0]).toMatchObject({ period: '6 weeks', legalSource: 'SEND Regs 2014 reg 5(1)', overdue: 0 });
    expect(groups[0]!.clocks.map((d) => ({ dueOn: d.dueOn, daysLeft: d.daysLeft, overdue: d.overdue }))).toEqual([{ dueOn: '2025-02-24', daysLeft: 23, overdue: false }]);
  });

  it('keeps a missed duty on the desk however long ago it fell due, counted as overdue', () => {
    const [group] = desk(untilRequest, '2025-04-01');
    expect(group!.overdue).toBe(1);
    expect(group!.clocks[0]).toMatchObject({ daysLeft: -36, overdue: true });
  });

  it('leaves out a duty met, and one due just beyond the 4 weeks', () => {
    // Decided on 17 February: that duty is met; the 16 weeks fall due on 5 May, 29 days after 6 April.
    expect(desk(untilDecision, '2025-04-06')).toEqual([]);
    expect(desk(untilDecision, '2025-04-07').map((g) => g.rule.id)).toEqual(['decision-whether-to-issue']);
  });

  it("leaves out the family's right to appeal: it is theirs, not a caseworker's duty", () => {
    expect(desk(untilFinal, '2025-05-20')).toEqual([]);
  });

  it('orders a group most overdue first, and groups in the order of the rules', () => {
    const other = untilRequest.map((e) => (e.type === 'AssessmentRequested' ? { ...e, eventId: `${e.eventId}-b`, occurredAt: '2025-01-20T10:00:00.000Z' } : e));
    const clocks = [...computeClocks(other, '2025-03-05').map((c) => ({ ...c, childId: 'b' })), ...computeClocks(untilRequest, '2025-03-05').map((c) => ({ ...c, childId: 'a' }))];
    const [group] = dueSoonByRule(clocks, '2025-03-05');
    expect(group!.clocks.map((d) => [d.clock.childId, d.daysLeft])).toEqual([['a', -9], ['b', -2]]);
  });
});
