import { describe, expect, it } from 'vitest';
import { given, ids, placementNamed, planAmended, planCeased } from './clock-builders.js';

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
