import { describe, expect, it } from 'vitest';
import { CLOCK_EVENT_SCHEMAS, clockEventData } from '../../../src/domain/statutory-clocks/clock-events.js';
import { RuleViolation } from '../../../src/domain/errors.js';
import { refuseCoronavirusExceptionOutside2020 } from '../../../src/domain/statutory-clocks/coronavirus-2020.js';
import { entry, ids } from './clock-builders.js';

const exception = { exceptionId: ids.exception, requestId: ids.request, ground: 'c', reason: 'Bereavement in the family', from: '2025-02-03' } as const;

describe('statutory clocks: the entry types they add', () => {
  it('ExceptionInvoked: an open or bounded period on one of the grounds a to d', () => {
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse(exception).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, to: '2025-03-02' }).success).toBe(true);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, ground: 'e' }).error?.issues[0]?.path).toEqual(['ground']);
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse({ ...exception, to: '2025-02-02' }).error?.issues[0]).toMatchObject({ path: ['to'], message: 'must not be before from' });
  });

  it('ExceptionInvoked: the coronavirus ground, only within 1 May to 25 September 2020 (refused otherwise, with the rule)', () => {
    const coronavirus = { ...exception, ground: 'coronavirus', from: '2020-05-01', to: '2020-09-25' } as const;
    expect(CLOCK_EVENT_SCHEMAS.ExceptionInvoked.safeParse(coronavirus).success).toBe(true);
    expect(() => refuseCoronavirusExceptionOutside2020(coronavirus)).not.toThrow();
    expect(() => refuseCoronavirusExceptionOutside2020({ ...coronavirus, from: '2020-04-30' })).toThrow(
      expect.objectContaining({ rule: 'coronavirus-exception-outside-2020', field: 'from' }),
    );
    expect(() => refuseCoronavirusExceptionOutside2020({ ...coronavirus, to: '2020-09-26' })).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => refuseCoronavirusExceptionOutside2020({ ...coronavirus, from: '2025-02-03', to: undefined })).toThrow(RuleViolation);
    expect(() => refuseCoronavirusExceptionOutside2020({ ...exception, ground: 'c', from: '2025-02-03' })).not.toThrow();
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
