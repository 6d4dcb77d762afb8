import { describe, expect, it } from 'vitest';
import { CLOCK_EVENT_SCHEMAS, clockEventData } from '../../../src/domain/statutory-clocks/clock-events.js';
import { entry, ids } from './clock-builders.js';

const exception = { exceptionId: ids.exception, requestId: ids.request, ground: 'c', reason: 'Bereavement in the family', from: '2025-02-03' };

describe('statutory clocks: the entry types they add', () => {
  it('ExceptionInvoked: an open or bounded period on one of the grounds a to d', () => {
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse(exception).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, to: '2025-03-02' }).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, ground: 'e' }).error?.issues[0]?.path).toEqual(['ground']);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, to: '2025-02-02' }).error?.issues[0]).toMatchObject({ path: ['to'], message: 'must not be before from' });
  });

  it('ExceptionEnded, MediationCertificateIssued and ReviewDecisionNotified', () => {
    expect(CLOCK_EVENT_SCHEMAS.ExceptionEnded.safeParse({ exceptionId: ids.exception, on: '2025-03-02' }).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.MediationCertificateIssued.safeParse({ certificateId: ids.certificate, against: 'plan_contents', planId: ids.plan }).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.MediationCertificateIssued.safeParse({ certificateId: ids.certificate, against: 'anything' }).success).toBe(false);
    expect(CLOCK_EVENT_SCHEMAS.ReviewDecisionNotified.safeParse({ planId: ids.plan, decision: 'amend' }).success).toBe(true);
  });

  it('a malformed entry is read as nothing rather than trusted', () => {
    expect(clockEventData(entry('ExceptionInvoked', exception, '2025-02-03'), 'ExceptionInvoked')).toMatchObject({ ground: 'c' });
    expect(clockEventData(entry('ExceptionInvoked', { ...exception, from: 'soon' }, '2025-02-03'), 'ExceptionInvoked')).toBeUndefined();
    expect(clockEventData(entry('ExceptionEnded', { exceptionId: ids.exception, on: '2025-03-02' }, '2025-03-02'), 'ExceptionInvoked')).toBeUndefined();
  });
});
