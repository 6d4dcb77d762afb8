import type { ReadAccess } from '../../domain/access/read-access.js';

/**
 * Whether the person reading holds the family's rights over the record now (the parent, or the young person
 * once the rights pass): pages then speak to them as "you" ("You have until ... to appeal") and offer what only
 * they may do (give or take back access).
 */
export const holdsTheRights = (access: Pick<ReadAccess, 'relationships' | 'upToRevision'>): boolean =>
  access.upToRevision === null && access.relationships.some((r) => r.kind === 'rights_holder');
