import { z } from 'zod';
import type { PromiseView } from '../../../projections/promise-view.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { isoDate } from '../../domain/child-record/vocabulary.js';
import { foldChildRecord, toChildEvent } from '../../domain/child-record/decider.js';
import { readChildRecord } from '../../application/child-records.js';
import { participationFindingsAsKnownAt, summariseParticipation, type ParticipationFinding } from '../../domain/participation/findings.js';
import { rightsHolderDetail } from '../../domain/participation/rights-holder.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ChildScope, EXACTLY_ONE_SCOPE, childrenInScope, exactlyOneScope } from '../../application/children-in-scope.js';
import { withoutNulls } from './mutations.js';
import { promiseFilterOf } from './queries.js';
import { promisesVisibleTo } from '../../application/promises-in-scope.js';
import { pagedField } from './connections.js';
import { promiseKey } from '../../../projections/promise-view.js';

const ScopeArgs = ChildScope.extend({ asOf: isoDate().optional() }).refine(exactlyOneScope, EXACTLY_ONE_SCOPE);

export const participationResolvers = {
  /** Promises grouped by what kind of promise they are, so statutory duties and school commitments are read apart. */
  async promiseGroups(_root: unknown, args: { filter?: Record<string, unknown> | null }, context: RequestContext) {
    // A group's count is of all its promises, so every line is read; only the lines shown are paged.
    const promises = await promisesVisibleTo(context.services, requireReader(context), promiseFilterOf(args.filter));
    const groups = new Map<string, { kind: string; dutyOn: string; source: string; promises: PromiseView[] }>();
    for (const promise of promises) {
      const { kind, dutyOn, source } = promise.legalForce;
      const group = groups.get(kind) ?? { kind, dutyOn, source, promises: [] };
      group.promises.push(promise);
      groups.set(kind, group);
    }
    return [...groups.values()].map((group) => ({ ...group, count: group.promises.length, promises: pagedField('promise', group.promises, promiseKey) }));
  },

  async participation(_root: unknown, args: Record<string, unknown>, context: RequestContext) {
    requireActor(context);
    const parsed = ScopeArgs.safeParse(withoutNulls(args));
    if (!parsed.success) throw badInputFrom(parsed.error, '');
    const asOf = parsed.data.asOf ?? englandDateOf(context.services.clock().toISOString());
    const findings: Array<ParticipationFinding & { childId: string }> = [];
    let children = 0;
    for (const { childId, entries } of await childrenInScope(childRecordsOf(context), requireReader(context), parsed.data, 'participation')) {
      children++;
      // As known at the end of asOf: what had been recorded by then.
      for (const finding of participationFindingsAsKnownAt(entries.map(toChildEvent), `${asOf}T23:59:59.999Z`)) findings.push({ ...finding, childId });
    }
    const summary = summariseParticipation(findings);
    return {
      children,
      findings,
      summary: {
        decisions: summary.decisions,
        withConcerns: summary.withConcerns,
        viewsRecordedBefore: summary.viewsRecordedBefore,
        meetingsTotal: summary.meetings.total,
        meetingsFamilyInvited: summary.meetings.familyInvited,
        noticesRequired: summary.notices.required,
        noticesGiven: summary.notices.notified,
        appealableTotal: summary.appealable.total,
        appealableRightsExplained: summary.appealable.rightsExplained,
        byFlag: Object.entries(summary.byFlag).map(([code, count]) => ({ code, count })),
      },
    };
  },

  async rightsHolder(_root: unknown, args: { childId: string; on?: string | null }, context: RequestContext) {
    const reader = requireReader(context);
    const parsed = z.object({ childId: z.uuid(), on: isoDate().optional() }).safeParse(withoutNulls(args));
    if (!parsed.success) return null;
    const read = await readChildRecord(childRecordsOf(context), reader, parsed.data.childId, 'record', 'rightsHolder');
    if (!read) return null;
    const record = foldChildRecord(read.entries.map(toChildEvent));
    if (!record.profile) return null;
    const on = parsed.data.on ?? englandDateOf(context.services.clock().toISOString());
    const answer = rightsHolderDetail(record.profile.dateOfBirth, on, record.capacityAssessments);
    return { holder: answer.holder, endOfCompulsorySchoolAge: answer.endOfCompulsorySchoolAge, capacityAssessmentId: record.capacityAssessments.find((a) => a.eventId === answer.capacityAssessment?.eventId)?.assessmentId ?? null };
  },
};

