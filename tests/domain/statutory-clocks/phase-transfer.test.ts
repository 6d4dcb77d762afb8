import { describe, expect, it } from 'vitest';
import { finalIssued, given, ids, placementNamed, planAmended, planCeased, planTransferredIn, planTransferredOut, registered } from './clock-builders.js';

describe('statutory clocks: phase transfer (reg 18)', () => {
  it('given a move to secondary school on 3 September 2025, then the plan must be reviewed and amended by 15 February 2025', () => {
    const clock = given(placementNamed('primary_to_secondary', '2025-09-03', '2024-10-15'), planAmended('2025-02-10')).asOf('2025-03-01').clock('phase-transfer');
    expect(clock).toMatchObject({
      legalSource: 'SEND Regs 2014 reg 18(1)(a)–(b) and 18(2)',
      subject: { kind: 'planId', id: ids.plan },
      triggerDate: '2025-09-03',
      dueDate: '2025-02-15',
      state: 'met_on_time',
      startedBy: { type: 'PhaseTransferPlacementNamed', on: '2024-10-15' },
    });
  });

  it.each(['early_years_to_school', 'infant_to_junior'])('%s: 15 February of the year of transfer', (transfer) => {
    expect(given(placementNamed(transfer, '2026-09-02', '2025-11-01')).asOf('2025-12-01').clock('phase-transfer').dueDate).toBe('2026-02-15');
  });

  it('given a move from secondary school to post-16 on 4 September 2025 and the plan amended on 4 April, then it was 4 days late (due 31 March)', () => {
    const clock = given(placementNamed('secondary_to_post16', '2025-09-04', '2024-12-01'), planAmended('2025-04-04')).asOf('2025-05-01').clock('phase-transfer');
    expect(clock).toMatchObject({ dueDate: '2025-03-31', state: 'met_late', daysLate: 4 });
  });

  it('given a move between post-16 institutions on 5 January 2026, then it is due 5 August 2025, and missed by 15 days as of 20 August', () => {
    const clock = given(placementNamed('post16_to_post16', '2026-01-05', '2025-06-01')).asOf('2025-08-20').clock('phase-transfer');
    expect(clock).toMatchObject({ dueDate: '2025-08-05', state: 'missed', daysLate: 15 });
  });

  it('an amendment made before the placement was recorded does not meet it', () => {
    const clock = given(planAmended('2024-10-01'), placementNamed('primary_to_secondary', '2025-09-03', '2024-10-15')).asOf('2025-03-01').clock('phase-transfer');
    expect(clock).toMatchObject({ state: 'missed', daysLate: 14 });
  });

  it('a placement named without a plan id is met by an amendment of any plan', () => {
    const clock = given(placementNamed('primary_to_secondary', '2025-09-03', '2024-10-15', null), planAmended('2025-02-01', ids.otherPlan))
      .asOf('2025-03-01')
      .clock('phase-transfer');
    expect(clock).toMatchObject({ subject: { kind: 'planId', id: null }, state: 'met_on_time' });
  });

  it('lapses if the plan ceased before the deadline', () => {
    expect(given(placementNamed('primary_to_secondary', '2025-09-03', '2024-10-15'), planCeased('2024-12-01')).asOf('2025-03-01').clock('phase-transfer').state).toBe('lapsed');
  });
});

/**
 * Reg 18 binds the LA for every child with a plan in a year of transfer, named placement or not. A child born
 * 12 March 2014 is in the year group born 1 September 2013 to 31 August 2014: reception from September 2018
 * (after the 4th birthday), Year 6 from 1 September 2024, Year 7 from 1 September 2025, so the plan must be
 * reviewed and amended by 15 February 2025; Year 12 from 1 September 2030 (by 31 March 2030).
 */
describe('statutory clocks: phase transfer from the date of birth, whether or not a placement is named', () => {
  const child = registered('2014-03-12');
  const plan = finalIssued('2023-02-06');

  it('given a plan and no placement named, then the clock runs from the start of Year 6 and the LA that never amends misses 15 February', () => {
    const clock = given(child, plan).asOf('2025-03-01').clock('phase-transfer');
    expect(clock).toMatchObject({
      obligation: { kind: 'duty', holder: 'local_authority' },
      subject: { kind: 'planId', id: ids.plan },
      triggerDate: '2025-09-01',
      dueDate: '2025-02-15',
      state: 'missed',
      daysLate: 14,
      startedBy: { type: 'FinalPlanIssued', on: '2023-02-06' },
      dueDateBasis: {
        from: 'date_of_birth',
        entry: { type: 'ChildRegistered' },
        on: '2025-09-01',
        period: '15 February in the calendar year of the transfer',
        transfer: { kind: 'primary_to_secondary', startsOn: '2025-09-01', intoYearGroup: 7 },
      },
    });
  });

  it('opens with the school year before the transfer: none in Year 5, pending from 1 September 2024', () => {
    expect(given(child, plan).asOf('2024-08-31').clocksOf('phase-transfer')).toEqual([]);
    expect(given(child, plan).asOf('2024-09-01').clock('phase-transfer')).toMatchObject({ state: 'pending', dueDate: '2025-02-15' });
  });

  it('an amendment in Year 6 meets it, even before a placement is recorded; one in Year 5 does not', () => {
    expect(given(child, plan, planAmended('2024-10-01')).asOf('2025-03-01').clock('phase-transfer')).toMatchObject({
      state: 'met_on_time',
      stoppedBy: { type: 'PlanAmended', on: '2024-10-01', reason: 'the plan was amended before the transfer' },
    });
    expect(given(child, plan, planAmended('2024-06-01')).asOf('2025-03-01').clock('phase-transfer').state).toBe('missed');
  });

  it('a placement named for the transfer refines the same clock rather than adding a second', () => {
    const then = given(child, plan, placementNamed('primary_to_secondary', '2025-09-03', '2024-11-20'), planAmended('2025-02-13')).asOf('2025-03-01');
    expect(then.clocksOf('phase-transfer')).toHaveLength(1);
    expect(then.clock('phase-transfer')).toMatchObject({
      triggerDate: '2025-09-03',
      dueDate: '2025-02-15',
      state: 'met_on_time',
      startedBy: { type: 'FinalPlanIssued' },
      dueDateBasis: { from: 'named_placement', entry: { type: 'PhaseTransferPlacementNamed', on: '2024-11-20' }, transfer: { kind: 'primary_to_secondary', startsOn: '2025-09-03', intoYearGroup: null } },
    });
  });

  it('a different transfer named in another year (infant to junior) has its own clock beside the one from the date of birth', () => {
    const then = given(child, finalIssued('2020-06-01'), placementNamed('infant_to_junior', '2021-09-02', '2020-11-01')).asOf('2025-03-01');
    expect(then.clocksOf('phase-transfer').map((c) => [c.dueDateBasis.transfer?.kind, c.dueDate, c.dueDateBasis.from])).toEqual([
      ['primary_to_secondary', '2025-02-15', 'date_of_birth'],
      ['infant_to_junior', '2021-02-15', 'named_placement'],
    ]);
  });

  it.each([
    ['2013-09-01', '2025-02-15'],
    ['2014-08-31', '2025-02-15'],
    ['2014-09-01', '2026-02-15'],
  ])('a child born %s moves to secondary school in the year whose 15 February is %s', (dateOfBirth, due) => {
    expect(given(registered(dateOfBirth), finalIssued('2023-02-06')).asOf('2026-03-01').clock('phase-transfer').dueDate).toBe(due);
  });

  it('Year 11 to Year 12: secondary to post-16, by 31 March of the transfer year', () => {
    const clock = given(registered('2009-05-01'), finalIssued('2022-01-10')).asOf('2025-04-01').clock('phase-transfer');
    expect(clock).toMatchObject({
      triggerDate: '2025-09-01',
      dueDate: '2025-03-31',
      state: 'missed',
      dueDateBasis: { period: '31 March in the calendar year of the transfer', transfer: { kind: 'secondary_to_post16', intoYearGroup: 12 } },
    });
  });

  it('no clock for a plan ceased before the transfer year, or made after the deadline (it was made with the transfer in view)', () => {
    expect(given(child, plan, planCeased('2024-07-01')).asOf('2025-03-01').clocksOf('phase-transfer')).toEqual([]);
    expect(given(child, finalIssued('2025-03-03')).asOf('2025-04-01').clocksOf('phase-transfer')).toEqual([]);
  });

  it('a plan ceased in Year 6 before the deadline lapses it, saying why; ceased after, lateness stops at the cessation', () => {
    expect(given(child, plan, planCeased('2024-12-01')).asOf('2025-03-01').clock('phase-transfer')).toMatchObject({
      state: 'lapsed',
      lapsedBy: { type: 'PlanCeased', on: '2024-12-01', reason: 'the plan ceased: the LA no longer maintains it' },
    });
    expect(given(child, plan, planCeased('2025-03-01')).asOf('2025-06-01').clock('phase-transfer')).toMatchObject({ state: 'missed', daysLate: 14 });
  });

  it('a move to another LA in Year 6 ends the old LA\'s clock, and the new LA has its own from taking the plan in', () => {
    const [old, taken] = given(child, plan, planTransferredOut('2024-11-01'), planTransferredIn('2024-11-04')).asOf('2025-03-01').clocksOf('phase-transfer');
    expect(old).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'PlanTransferredOut', on: '2024-11-01' } });
    expect(taken).toMatchObject({ state: 'missed', daysLate: 14, startedBy: { type: 'PlanTransferredIn', on: '2024-11-04' } });
  });
});
