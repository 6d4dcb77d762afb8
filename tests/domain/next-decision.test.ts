import { describe, expect, it } from 'vitest';
import type { ChildEvent } from '../../src/domain/child-record/events.js';
import { foldChildRecord } from '../../src/domain/child-record/evolve.js';
import { nextDecisions } from '../../src/domain/child-record/next-decision.js';
import { computeClocks } from '../../src/domain/statutory-clocks/compute-clocks.js';
import { afterCeasing, ids, untilDecision, untilDraft, untilFinal, untilRequest } from './child-record.fixtures.js';
import { laOfficer, recorded } from './decider-specification.js';

const next = (events: ChildEvent[], today: string) => nextDecisions(foldChildRecord(events), computeClocks(events, today));

describe('the next decision on a case', () => {
  it('is the decision whether to assess, by 6 weeks from the request, once a request is in', () => {
    const [first, ...others] = next(untilRequest, '2025-02-01');
    expect(first).toEqual({ step: 'decide-assessment', subjectId: ids.request, ruleId: 'decide-whether-to-assess', dueBy: '2025-02-24', from: null, overdue: false });
    expect(others).toEqual([]);
  });

  it('says when that decision is overdue', () => {
    expect(next(untilRequest, '2025-03-03')[0]).toMatchObject({ step: 'decide-assessment', dueBy: '2025-02-24', overdue: true });
  });

  it('is a draft plan (or a decision not to issue) by 16 weeks from the request, once the LA decided to assess; advice may be asked for', () => {
    const steps = next(untilDecision, '2025-03-01');
    expect(steps.map((s) => s.step)).toEqual(['issue-draft', 'decide-not-to-issue', 'request-advice']);
    expect(steps[0]).toMatchObject({ subjectId: ids.request, ruleId: 'decision-whether-to-issue', dueBy: '2025-05-05', overdue: false });
    expect(steps[1]).toMatchObject({ ruleId: 'decision-whether-to-issue', dueBy: '2025-05-05' });
    expect(steps[2]).toMatchObject({ ruleId: null, dueBy: null });
  });

  it('is the final plan after a draft: from the end of the 15 days to comment, by 20 weeks from the request', () => {
    const [first] = next(untilDraft, '2025-05-05');
    expect(first).toEqual({ step: 'issue-final', subjectId: ids.plan, ruleId: 'final-plan', dueBy: '2025-06-02', from: '2025-05-16', overdue: false });
  });

  it('is the annual review once the plan is final, and the plan can be amended or ceased', () => {
    const steps = next(untilFinal, '2025-06-01');
    expect(steps.map((s) => s.step)).toEqual(['hold-review', 'amend-plan', 'cease-plan']);
    expect(steps[0]).toMatchObject({ subjectId: ids.plan, ruleId: 'annual-review', dueBy: '2026-05-15' });
  });

  it('is the decision notice after a review meeting, by 4 weeks from it, before the next review', () => {
    const reviewed = [...untilFinal, recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'amend', summary: 'Needs have changed.' }, { on: '2026-04-01', by: laOfficer })];
    const steps = next(reviewed, '2026-04-02');
    expect(steps[0]).toMatchObject({ step: 'notify-review-decision', subjectId: ids.plan, ruleId: 'review-decision', dueBy: '2026-04-29' });
    expect(steps.map((s) => s.step)).toContain('hold-review');
  });

  it('is nothing once the plan has ceased and no request is open', () => {
    expect(next(afterCeasing, '2025-10-01')).toEqual([]);
  });
});
