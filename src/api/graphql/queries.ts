import { z } from 'zod';
import type { AuditTrailFilter } from '../../../projections/audit-trail.js';
import { auditTrailOf } from '../../application/audit-trail-of.js';
import { childRecordAsOf } from '../../application/child-record-as-of.js';
import { PROVISION_SECTIONS } from '../../domain/child-record/vocabulary.js';
import { PROVISION_STATUSES } from '../../domain/child-record/provision-standing.js';
import { childView } from './child-view.js';
import { childRecordsOf, requireActor, requireReader, type RequestContext } from './context.js';
import { promisePageVisibleTo } from '../../application/promises-in-scope.js';
import { AUDIT_TRAIL_PAGE_SIZE, pageRequest } from '../../application/paging.js';
import type { PromiseFilter } from '../../../projections/promise-view.js';
import { connectionOf, pagedField, type PageArgs } from './connections.js';
import { badInputFrom } from './errors.js';
import { withoutNulls } from './mutations.js';
// The Local Offer as an Open Referral UK directory (issue 20, helper ORUK).
import { localOfferDirectoryQueryResolvers } from './local-offer-directory-resolvers.js';
// The Common Transfer File's SEN sections (issue 20, helper CTF).
import { commonTransferFileQueryResolvers } from './common-transfer-file-resolvers.js';
// The SEN2 person-level return (issue 20, helper SEN2).
import { sen2QueryResolvers } from './sen2-resolvers.js';
// The Annex A lists for an area SEND inspection (issue 20, helper Annex A).
import { annexAQueryResolvers } from './annex-a-resolvers.js';

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
  ...localOfferDirectoryQueryResolvers,
  ...commonTransferFileQueryResolvers,
  ...sen2QueryResolvers,
  ...annexAQueryResolvers,
  me: (_root: unknown, _args: unknown, context: RequestContext) => requireActor(context),

  async child(_root: unknown, args: { id: string; asOf?: string | null }, context: RequestContext) {
    const reader = requireReader(context);
    if (!isUuid(args.id)) return null;
    const asOf = args.asOf ? new Date(at(args.asOf)).toISOString() : context.services.clock().toISOString();
    const known = await childRecordAsOf(childRecordsOf(context), reader, args.id, 'child', asOf);
    return known ? childView(known.record, asOf, known.streamRevision, args.id) : null;
  },

  async auditTrail(_root: unknown, args: { childId: string; filter?: Record<string, unknown> | null }, context: RequestContext) {
    const reader = requireReader(context);
    if (!isUuid(args.childId)) return null;
    const deps = { ...childRecordsOf(context), lateThresholdDays: context.services.config.LATE_ENTRY_THRESHOLD_DAYS };
    const trail = await auditTrailOf(deps, reader, args.childId, withoutNulls(args.filter ?? {}) as AuditTrailFilter);
    return trail && { ...trail, entries: pagedField('audit-entry', trail.entries, (entry) => [entry.streamRevision], AUDIT_TRAIL_PAGE_SIZE) };
  },

  async promises(_root: unknown, args: { filter?: Record<string, unknown> | null } & PageArgs, context: RequestContext) {
    const reader = requireReader(context);
    const request = pageRequest('promise', args);
    const page = await promisePageVisibleTo(context.services, reader, promiseFilterOf(args.filter), request);
    return connectionOf(page);
  },
};

/** The promise filter as the domain takes it: checked, and asOf (a date or a time) made a time. */
export function promiseFilterOf(filter: Record<string, unknown> | null | undefined): PromiseFilter {
  const parsed = PromiseFilterSchema.safeParse(withoutNulls(filter ?? {}));
  if (!parsed.success) throw badInputFrom(parsed.error, 'filter');
  const asOf = parsed.data.asOf ? new Date(at(parsed.data.asOf)).toISOString() : undefined;
  return { ...parsed.data, ...(asOf === undefined ? {} : { asOf }) };
}
