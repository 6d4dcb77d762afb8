import { describe, expect, it } from 'vitest';
import type { ClockEntry } from '../../src/domain/statutory-clocks/clock-events.js';
import { computeClocks } from '../../src/domain/statutory-clocks/compute-clocks.js';
import { ruleById } from '../../src/domain/statutory-clocks/rules.js';

const school = { id: 'senco-1', displayName: 'Rachel Kim', role: 'senco', organisation: '100052' };
let next = 0;
const entry = (type: string, on: string, data: Record<string, unknown>): ClockEntry => ({
  type,
  data,
  eventId: `e-${++next}`,
  occurredAt: `${on}T12:00:00.000Z`,
  recordedAt: `${on}T12:00:00.000Z`,
  actor: school,
});
const left = (leftOn: string, recordedOn = leftOn) =>
  entry('PupilLeftRoll', recordedOn, { leavingId: 'leaving-1', setting: { name: 'Fleet Hill School', urn: '100052' }, leftOn });
const sent = (on: string) => entry('CommonTransferFileSent', on, { leavingId: 'leaving-1', ctfId: 'ctf-1', sha256: 'a'.repeat(64) });
const ctfClock = (entries: ClockEntry[], asOf: string) => computeClocks(entries, asOf).find((clock) => clock.ruleId === 'common-transfer-file');

describe('the 15-school-day duty to send the Common Transfer File (reg 9(3))', () => {
  it('is the school\'s duty, started by the day the pupil left the roll, counted in school days', () => {
    const rule = ruleById('common-transfer-file');
    expect(rule?.obligation).toEqual({ kind: 'duty', holder: 'school' });
    // Left Friday 19 December 2025; recorded on the Monday. School days after it: Mon 22, Tue 23, Wed 24 December (1-3);
    // 25 December to 1 January are not counted (Christmas Day, Boxing Day and New Year's Day are bank holidays too);
    // Fri 2 January (4); 5-9 January (5-9); 12-16 January (10-14); Mon 19 January (15): due 19 January 2026.
    const clock = ctfClock([left('2025-12-19', '2025-12-22')], '2026-01-05');
    expect(clock).toMatchObject({ triggerDate: '2025-12-19', dueDate: '2026-01-19', state: 'due_soon', subject: { kind: 'leavingId', id: 'leaving-1' } });
    expect(clock?.dueDateBasis.period).toBe('15 school days');
  });

  it('skips August and the Easter bank holidays', () => {
    // Left Friday 19 July 2024: 22-26 July (1-5), 29-31 July (6-8); August not counted; Mon 2 to Fri 6 September (9-13),
    // Mon 9 (14), Tue 10 September (15). A school back on 4 September would count two days fewer: it is due later there.
    expect(ctfClock([left('2024-07-19')], '2024-07-22')?.dueDate).toBe('2024-09-10');
    // Left Friday 11 April 2025: 14-17 April (1-4); Good Friday 18 and Easter Monday 21 April are bank holidays;
    // 22-25 April (5-8); 28 April to 2 May (9-13); Early May bank holiday 5 May; Tue 6 (14), Wed 7 May (15).
    expect(ctfClock([left('2025-04-11')], '2025-04-14')?.dueDate).toBe('2025-05-07');
  });

  it('is met on time by the file sent on or before the due date', () => {
    const clock = ctfClock([left('2025-12-19', '2025-12-22'), sent('2026-01-19')], '2026-03-02');
    expect(clock).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'CommonTransferFileSent', on: '2026-01-19' } });
  });

  it('is met late by a file sent after it, and missed while none is sent', () => {
    expect(ctfClock([left('2025-12-19', '2025-12-22'), sent('2026-01-21')], '2026-03-02')).toMatchObject({ state: 'met_late', daysLate: 2 });
    expect(ctfClock([left('2025-12-19', '2025-12-22')], '2026-01-20')).toMatchObject({ state: 'missed', daysLate: 1 });
  });

  it('is not met by a file sent for another leaving', () => {
    const other = entry('CommonTransferFileSent', '2026-01-05', { leavingId: 'leaving-2', ctfId: 'ctf-2', sha256: 'b'.repeat(64) });
    expect(ctfClock([left('2025-12-19', '2025-12-22'), other], '2026-03-02')?.state).toBe('missed');
  });
});
