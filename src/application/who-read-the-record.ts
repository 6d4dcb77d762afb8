import type { AccessEntry } from '../access-log/access-entry.js';
import type { AccessLog } from '../access-log/port.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';

/**
 * Who read the child's record and who was refused, newest first. The log is itself access-controlled (the rights
 * holder, the LA's privacy officer) and reading it is logged too.
 */
export async function whoReadTheRecord(deps: OneChildDependencies & { accessLog: AccessLog }, reader: Reader, childId: string, limit = 500): Promise<AccessEntry[] | null> {
  const read = await readChildRecord(deps, reader, childId, 'access_log', 'accessLog');
  if (!read) return null;
  return deps.accessLog.forChild(read.childId, { limit });
}
