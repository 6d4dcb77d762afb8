import { z } from 'zod';
import { noteRead, readChildRecord, readChildrenInScope, type ChildRecordsDependencies, type PermittedRead, type Reader } from './child-records.js';

/** One child, or every child of an LA or of a setting: the scopes the accountability questions are asked at. */
export const ChildScope = z.object({
  childId: z.uuid({ error: 'must be a UUID' }).optional(),
  laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code').optional(),
  settingUrn: z.string().regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN').optional(),
});
export type ChildScope = z.output<typeof ChildScope>;

export const exactlyOneScope = (scope: ChildScope) => [scope.childId, scope.laCode, scope.settingUrn].filter(Boolean).length === 1;
export const EXACTLY_ONE_SCOPE = { message: 'give exactly one of childId, laCode or settingUrn', path: ['childId'] };

/**
 * The records in scope that the reader may read: one child (as far as they may read it), or the children of
 * an LA or setting they relate to now. `what` names the read in the access log; an aggregate passes null,
 * since its figures disclose no one child's record.
 */
export async function childrenInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, what: string | null): Promise<PermittedRead[]> {
  if (scope.childId) {
    const read = await readChildRecord(deps, reader, scope.childId, 'record', what ?? 'record');
    return read ? [read] : [];
  }
  const reads = await readChildrenInScope(deps, reader, scope, 'record');
  if (what !== null) for (const read of reads) noteRead(reader, read, what);
  return reads;
}
