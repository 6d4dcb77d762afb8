/**
 * Small builders for the statutory clock specs, in given/when/then form:
 *
 *   given(requested('2025-01-06'), finalIssued('2025-06-05'))
 *     .asOf('2025-07-01')
 *     .clock('final-plan')   // then: expect(...).toMatchObject({ state: 'met_late', daysLate: 10 })
 *
 * Entries carry the envelope facts the clocks read: the claimed time (09:00 UTC on the day, so the
 * date in England is that day), the recorded time and the actor.
 */
import { computeClocks, type ComputeClocksOptions } from '../../../src/domain/statutory-clocks/compute-clocks.js';
import type { ClockEntry } from '../../../src/domain/statutory-clocks/clock-events.js';
import type { StatutoryClock } from '../../../src/domain/statutory-clocks/clock.js';

export const laOfficer = { id: 'la-officer-1', displayName: 'Casey Caseworker', role: 'la_officer', organisation: 'London Borough of Camden (202)' };
export const parent = { id: 'parent-1', displayName: 'Pat Parent', role: 'parent_carer', organisation: 'Family' };

export const ids = {
  request: '22222222-2222-4222-8222-222222222201',
  otherRequest: '22222222-2222-4222-8222-222222222202',
  advice: '33333333-3333-4333-8333-333333333301',
  plan: '44444444-4444-4444-8444-444444444401',
  otherPlan: '44444444-4444-4444-8444-444444444402',
  exception: '88888888-8888-4888-8888-888888888801',
  otherException: '88888888-8888-4888-8888-888888888802',
  certificate: '99999999-9999-4999-8999-999999999901',
  appeal: '77777777-7777-4777-8777-777777777701',
} as const;

let sequence = 0;
const nextEventId = () => `c0000000-0000-4000-8000-${(++sequence).toString(16).padStart(12, '0')}`;

export interface EntryOptions {
  by?: ClockEntry['actor'];
  eventId?: string;
  recordedAt?: string;
}

/** An entry claimed to have happened on `on` (YYYY-MM-DD at 09:00 UTC, or a full date-time). */
export function entry(type: string, data: Record<string, unknown>, on: string, { by = laOfficer, eventId = nextEventId(), recordedAt }: EntryOptions = {}): ClockEntry {
  const occurredAt = /^\d{4}-\d{2}-\d{2}$/.test(on) ? `${on}T09:00:00.000Z` : on;
  return { type, data, eventId, occurredAt, recordedAt: recordedAt ?? occurredAt, actor: by };
}

/** The child's registration, which carries the date of birth (the phase-transfer clocks read it). */
export const registered = (dateOfBirth: string, on = '2015-01-05') =>
  entry('ChildRegistered', { childId: '11111111-1111-4111-8111-111111111101', displayName: 'Child A (pseudonym)', dateOfBirth, laCode: '202' }, on);

// The assessment: request -> decision -> advice -> draft -> final plan.
export const requested = (on: string, requestId: string = ids.request) =>
  entry('AssessmentRequested', { requestId, requestedBy: 'parent_carer' }, on, { by: parent });
export const decidedToAssess = (on: string, requestId: string = ids.request) => entry('DecisionToAssess', { requestId }, on);
export const decidedNotToAssess = (on: string, requestId: string = ids.request) =>
  entry('DecisionNotToAssess', { requestId, reasons: 'Needs can be met by SEN support' }, on);
export const adviceRequested = (on: string, adviceRequestId: string = ids.advice) =>
  entry('AdviceRequested', { adviceRequestId, requestId: ids.request, adviceType: 'psychological', from: { organisation: 'EP Service', role: 'EP' } }, on);
export const adviceReceived = (on: string, adviceRequestId: string = ids.advice) => entry('AdviceReceived', { adviceRequestId, summary: 'EP advice' }, on);
export const notToIssue = (on: string, requestId: string = ids.request) => entry('DecisionNotToIssue', { requestId, reasons: 'Needs met without a plan' }, on);
export const draftIssued = (on: string, planId: string = ids.plan, requestId: string = ids.request) => entry('DraftPlanIssued', { planId, requestId }, on);
export const finalIssued = (on: string, planId: string = ids.plan) => entry('FinalPlanIssued', { planId, namedSetting: { name: 'Hillside Primary School' } }, on);

// The plan's life: reviews, amendments, phase transfer, cessation.
export const reviewHeld = (on: string, decision: 'maintain' | 'amend' | 'cease' = 'maintain', planId: string = ids.plan) =>
  entry('AnnualReviewHeld', { planId, decision, summary: 'Annual review meeting' }, on);
export const reviewDecisionNotified = (on: string, decision: 'maintain' | 'amend' | 'cease', planId: string = ids.plan) =>
  entry('ReviewDecisionNotified', { planId, decision }, on);
export const planAmended = (on: string, planId: string = ids.plan) => entry('PlanAmended', { planId, summary: 'Amended after review', reason: 'Review' }, on);
export const planCeased = (on: string, planId: string = ids.plan) => entry('PlanCeased', { planId, reason: 'needs_met' }, on);
const move = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa99';
export const planTransferredOut = (on: string, planId: string = ids.plan) => entry('PlanTransferredOut', { moveId: move, planId, toLaCode: '204' }, on);
export const planTransferredIn = (on: string, planId: string = ids.plan) =>
  entry('PlanTransferredIn', { moveId: move, planId, fromLaCode: '202' }, on, { by: { ...laOfficer, id: 'la-officer-204', organisation: '204' } });
/** `planId: null` records a placement that names no plan (the field is optional). */
export const placementNamed = (transfer: string, startsOn: string, on: string, planId: string | null = ids.plan) =>
  entry('PhaseTransferPlacementNamed', { ...(planId ? { planId } : {}), transfer, settingName: 'Next School', startsOn }, on);

// Exceptions, mediation and appeals.
export const exceptionInvoked = (
  on: string,
  period: { from: string; to?: string; ground?: string; requestId?: string; exceptionId?: string; reason?: string },
  options?: EntryOptions,
) =>
  entry(
    'ExceptionInvoked',
    {
      exceptionId: period.exceptionId ?? ids.exception,
      requestId: period.requestId ?? ids.request,
      ground: period.ground ?? 'd',
      reason: period.reason ?? 'Family away from the area',
      from: period.from,
      ...(period.to ? { to: period.to } : {}),
    },
    on,
    options,
  );
export const exceptionEnded = (on: string, lastDay: string, exceptionId: string = ids.exception) => entry('ExceptionEnded', { exceptionId, on: lastDay }, on);
export const certificateIssued = (on: string, against: string, subject: { planId?: string; requestId?: string } = {}) =>
  entry('MediationCertificateIssued', { certificateId: ids.certificate, against, ...subject }, on, { by: { ...laOfficer, role: 'mediation_adviser' } });
export const appealRegistered = (on: string, against: string, planId?: string) =>
  entry('AppealRegistered', { appealId: ids.appeal, against, ...(planId ? { planId } : {}) }, on, { by: parent });
export const corrected = (on: string, original: ClockEntry, change: { correctedOccurredAt?: string; correctedData?: Record<string, unknown>; retracted?: boolean }) =>
  entry('EntryCorrected', { supersedesEventId: original.eventId, reason: 'Wrong date entered', retracted: false, ...change }, on);

export interface Then {
  clocks: StatutoryClock[];
  /** All clocks of a rule, in trigger order. */
  clocksOf(ruleId: string): StatutoryClock[];
  /** The one clock of a rule (the n-th when there are several). */
  clock(ruleId: string, n?: number): StatutoryClock;
}

export const given = (...entries: ClockEntry[]) => ({
  asOf(date: string, options?: ComputeClocksOptions): Then {
    const clocks = computeClocks(entries, date, options);
    const clocksOf = (ruleId: string) => clocks.filter((clock) => clock.ruleId === ruleId);
    return {
      clocks,
      clocksOf,
      clock(ruleId, n = 0) {
        const found = clocksOf(ruleId)[n];
        if (!found) throw new Error(`no clock ${n} for rule ${ruleId}; clocks: ${clocks.map((c) => c.ruleId).join(', ') || '(none)'}`);
        return found;
      },
    };
  },
});
