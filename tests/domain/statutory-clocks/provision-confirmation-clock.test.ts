import { describe, expect, it } from 'vitest';
import { sen2Timeliness } from '../../../src/domain/statutory-clocks/sen2-timeliness.js';
import { ruleById } from '../../../src/domain/statutory-clocks/rules.js';
import { entry, finalIssued, given, ids, planCeased, planTransferredOut } from './clock-builders.js';

const confirmation = 'cccccccc-cccc-4ccc-8ccc-cccccccccc01';
const otherConfirmation = 'cccccccc-cccc-4ccc-8ccc-cccccccccc02';
const senco = { id: 'senco-1', displayName: 'Rachel Kim', role: 'senco', organisation: '100052' };

const requested = (on: string, confirmationId = confirmation, planId: string = ids.plan) =>
  entry('ProvisionConfirmationRequested', { confirmationId, planId, setting: { name: 'Fleet Hill School', urn: '100052' } }, on);
const confirmed = (on: string, confirmationId = confirmation) =>
  entry('ProvisionConfirmedInPlace', { confirmationId, confirmedBy: { name: 'Rachel Kim', role: 'SENCo' }, notInPlace: [] }, on, { by: senco });

describe('provision confirmed in place: the time the LA asks a setting to answer in (4 weeks), not a limit in law', () => {
  it('is the setting\'s to answer, and its source says plainly it is the LA\'s own request, not the law', () => {
    const rule = ruleById('provision-confirmation');
    expect(rule?.obligation).toEqual({ kind: 'duty', holder: 'setting', setBy: 'local_authority_request' });
    expect(rule?.versions[0]?.legalSource).toMatch(/local authority's own request: not a time limit in law/);
  });

  it('given a request on 2 February 2026 answered on 20 February, then it was met on time (due 2 March)', () => {
    const clock = given(finalIssued('2026-01-20'), requested('2026-02-02'), confirmed('2026-02-20')).asOf('2026-03-02').clock('provision-confirmation');
    expect(clock).toMatchObject({
      subject: { kind: 'confirmationId', id: confirmation },
      triggerDate: '2026-02-02',
      dueDate: '2026-03-02',
      state: 'met_on_time',
      stoppedBy: { type: 'ProvisionConfirmedInPlace', on: '2026-02-20' },
    });
  });

  it('given the answer on 12 March 2026, then it was met 10 days late; unanswered, it is overdue by the days so far', () => {
    expect(given(requested('2026-02-02'), confirmed('2026-03-12')).asOf('2026-04-01').clock('provision-confirmation')).toMatchObject({ state: 'met_late', daysLate: 10 });
    expect(given(requested('2026-02-02')).asOf('2026-03-05').clock('provision-confirmation')).toMatchObject({ state: 'missed', daysLate: 3, stoppedBy: null });
    expect(given(requested('2026-02-02')).asOf('2026-02-20').clock('provision-confirmation').state).toBe('due_soon');
  });

  it('an answer to another request does not meet it', () => {
    const clock = given(requested('2026-02-02'), requested('2026-02-03', otherConfirmation), confirmed('2026-02-10', otherConfirmation)).asOf('2026-03-10').clock('provision-confirmation');
    expect(clock).toMatchObject({ subject: { id: confirmation }, state: 'missed' });
  });

  it('the plan ceasing or moving to another LA ends the request; a ceased other plan does not', () => {
    expect(given(requested('2026-02-02'), planCeased('2026-02-10')).asOf('2026-04-01').clock('provision-confirmation')).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'PlanCeased' } });
    expect(given(requested('2026-02-02'), planTransferredOut('2026-02-10')).asOf('2026-04-01').clock('provision-confirmation')).toMatchObject({ state: 'lapsed' });
    expect(given(requested('2026-02-02'), planCeased('2026-02-10', ids.otherPlan)).asOf('2026-04-01').clock('provision-confirmation').state).toBe('missed');
  });

  it('counts in no SEN2 figure: the timeliness of a year with only this clock is empty', () => {
    const { clocks } = given(requested('2026-02-02'), confirmed('2026-03-12')).asOf('2026-12-31');
    expect(clocks.map((c) => c.ruleId)).toEqual(['provision-confirmation']);
    const year = sen2Timeliness(clocks, 2026);
    expect([year.requestsReceived, year.decisionsMade, year.plansIssued, year.reviewsDue, year.phaseTransfersDue]).toEqual([0, 0, 0, 0, 0]);
  });
});
