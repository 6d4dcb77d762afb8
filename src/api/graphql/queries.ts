import { z } from 'zod';
import { buildAuditTrail, filterAuditTrail, type AuditTrailFilter } from '../../../projections/audit-trail.js';
import { foldChildRecord, toChildEvent } from '../../domain/child-record/decider.js';
import { PROVISION_SECTIONS } from '../../domain/child-record/vocabulary.js';
import { PROVISION_STATUSES } from '../../domain/child-record/provision-standing.js';
import { childView } from './child-view.js';
import { readChildRecord } from '../../application/child-records.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { promisesVisibleTo } from './promises-in-scope.js';
import { badInputFrom } from './errors.js';
import { withoutNulls } from './mutations.js';

const isUuid = (value: string) => z.uuid().safeParse(value).success;
const at = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T23:59:59.999Z` : iso);

const PromiseFilterSchema = z.object({
  childId: z.uuid({ error: 'must be a UUID' }).optional(),
  organisation: z.string().trim().min(1).max(200).optional(),
  section: z.enum(PROVISION_SECTIONS).optional(),
  status: z.enum(PROVISION_STATUSES).optional(),
  legalForce: z.enum(['statutory_duty_la', 'duty_health_commissioner', 'social_care_duty', 'social_care_provision', 'school_commitment', 'no_duty']).optional(),
  asOf: z.string().optional(),
});


export const queryResolvers = {
  me: (_root: unknown, _args: unknown, context: RequestContext) => requireActor(context),

  async child(_root: unknown, args: { id: string; asOf?: string | null }, context: RequestContext) {
    const reader = requireReader(context);
    if (!isUuid(args.id)) return null;
    const asOf = args.asOf ? new Date(at(args.asOf)).toISOString() : context.services.clock().toISOString();
    const read = await readChildRecord(childRecordsOf(context), reader, args.id, 'record', 'child');
    const entries = (read?.entries ?? []).filter((entry) => Date.parse(entry.metadata.recordedAt) <= Date.parse(asOf));
    if (entries.length === 0) return null;
    return childView(foldChildRecord(entries.map(toChildEvent)), asOf, entries.at(-1)!.streamRevision, args.id);
  },

  async auditTrail(_root: unknown, args: { childId: string; filter?: Record<string, unknown> | null }, context: RequestContext) {
    const reader = requireReader(context);
    if (!isUuid(args.childId)) return null;
    const read = await readChildRecord(childRecordsOf(context), reader, args.childId, 'audit_trail', 'auditTrail');
    if (!read) return null;
    const entries = read.entries;
    const threshold = context.services.config.LATE_ENTRY_THRESHOLD_DAYS;
    const trail = filterAuditTrail(buildAuditTrail(entries, threshold), withoutNulls(args.filter ?? {}) as AuditTrailFilter);
    return {
      childId: args.childId,
      lateThresholdDays: threshold,
      headHash: entries.at(-1)!.hash,
      streamRevision: entries.at(-1)!.streamRevision,
      entries: trail.map((entry) => ({ ...entry, late: entry.recordedLateByDays !== null })),
    };
  },

  async promises(_root: unknown, args: { filter?: Record<string, unknown> | null }, context: RequestContext) {
    const reader = requireReader(context);
    const filter = PromiseFilterSchema.safeParse(withoutNulls(args.filter ?? {}));
    if (!filter.success) throw badInputFrom(filter.error, 'filter');
    const asOf = filter.data.asOf ? new Date(at(filter.data.asOf)).toISOString() : undefined;
    return promisesVisibleTo(context, reader, { ...filter.data, asOf });
  },
};
