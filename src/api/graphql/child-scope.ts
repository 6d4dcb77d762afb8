import { z } from 'zod';
import { CHILDREN, laTag, settingTag, type ChildDirectoryEntry } from '../../../projections/child-directory.js';
import type { RequestContext } from './context.js';

/** One child, or every child of an LA or of a setting: the scopes the accountability questions are asked at. */
export const ChildScope = z.object({
  childId: z.uuid({ error: 'must be a UUID' }).optional(),
  laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code').optional(),
  settingUrn: z.string().regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN').optional(),
});
export type ChildScope = z.output<typeof ChildScope>;

export const exactlyOneScope = (scope: ChildScope) => [scope.childId, scope.laCode, scope.settingUrn].filter(Boolean).length === 1;
export const EXACTLY_ONE_SCOPE = { message: 'give exactly one of childId, laCode or settingUrn', path: ['childId'] };

/** The children in scope, found through the child directory read model (caught up first). */
export async function childIdsInScope(context: RequestContext, scope: ChildScope): Promise<string[]> {
  if (scope.childId) return [scope.childId];
  const { store, directory } = context.services;
  await directory.waitFor(await store.headPosition());
  const tag = scope.laCode ? laTag(scope.laCode) : settingTag(scope.settingUrn!);
  return (await directory.reader.list<ChildDirectoryEntry>(CHILDREN, tag)).map((child) => child.childId);
}
