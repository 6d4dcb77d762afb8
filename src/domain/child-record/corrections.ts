import { isErasedData, type ChildEvent } from './events.js';

/**
 * The history as now known: each superseded entry is replaced, in its original place, by its latest
 * correction (new data and/or claimed date), or dropped if retracted. Corrections stay in the list so
 * that the fold and the audit trail both see them; the originals stay in the store untouched.
 * Entries whose data was erased (the child's key destroyed) are no longer known and are dropped too:
 * every fold, clock and finding goes through here, so none of them has to cope with `$erased` data.
 */
export function applyCorrections(events: readonly ChildEvent[]): ChildEvent[] {
  const known = events.filter((event) => !isErasedData(event.data));
  const latest = new Map<string, Extract<ChildEvent, { type: 'EntryCorrected' }>>();
  for (const event of known) if (event.type === 'EntryCorrected') latest.set(event.data.supersedesEventId, event);
  if (latest.size === 0) return known;

  const effective: ChildEvent[] = [];
  for (const event of known) {
    const correction = latest.get(event.eventId);
    if (!correction || event.type === 'EntryCorrected') {
      effective.push(event);
      continue;
    }
    if (correction.data.retracted) continue;
    effective.push({
      ...event,
      data: (correction.data.correctedData ?? event.data) as never,
      // Stored as the client wrote it; the fold compares claimed times in the one UTC form occurredAt has.
      occurredAt: correction.data.correctedOccurredAt === undefined ? event.occurredAt : new Date(correction.data.correctedOccurredAt).toISOString(),
      correctedBy: correction.eventId,
    });
  }
  return effective;
}

/** Entries nothing else builds on, so retracting one leaves a consistent record. */
export const RETRACTABLE_TYPES = new Set([
  'ParentCarerRecorded',
  'NeedsIdentified',
  'AdviceReceived',
  'ProvisionDelivered',
  'ShortfallReported',
  'SignedOff',
  'TransitionActionDone',
  'ViewsRecorded',
  'MeetingInvitationSent',
  'DecisionNotified',
  'CapacityAssessed',
  'YoungPersonRecorded',
  'SchoolActionRecorded',
  'SchoolActionPlusRecorded',
]);

/** Identifier fields a correction may not change: they tie the entry to the rest of the record. */
export const IDENTITY_FIELDS = [
  'childId', 'personId', 'needId', 'cycleId', 'requestId', 'adviceRequestId', 'planId', 'provisionId', 'appealId', 'subjectId',
  'transitionId', 'actionId', 'handoverId', 'exceptionId', 'certificateId', 'moveId',
  'viewsId', 'invitationId', 'notificationId', 'assessmentId', 'statementId', 'holdId', 'involvementId', 'grantId',
];
