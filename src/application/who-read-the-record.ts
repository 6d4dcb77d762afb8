import type { AccessLog } from '../access-log/port.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';
import { pageOf, type Page, type PageRequest } from './paging.js';
import type { LoggedAccess } from '../access-log/access-entry.js';

/**
 * Who read the child's record and who was refused, newest first. The log is itself access-controlled (the rights
 * holder, the LA's privacy officer) and reading it is logged too.
 */
export async function whoReadTheRecord(deps: OneChildDependencies & { accessLog: AccessLog }, reader: Reader, childId: string, limit = 500): Promise<LoggedAccess[] | null> {
  const read = await readChildRecord(deps, reader, childId, 'access_log', 'accessLog');
  if (!read) return null;
  return deps.accessLog.forChild(read.childId, { limit });
}

/** The most entries of one child the access log answers in one read (its port's own cap). */
export const ACCESS_LOG_READ_CAP = 5000;

/**
 * One page of who read the record, newest first. The key is the entry's place in the log, negated: a read made
 * after a reader's cursor sorts before it, so the pages after the cursor stay as they were. The port reads at
 * most the newest 5,000 entries of a child, so the count and the pages reach back that far.
 */
export async function whoReadTheRecordPage(
  deps: OneChildDependencies & { accessLog: AccessLog },
  reader: Reader,
  childId: string,
  request: PageRequest,
): Promise<Page<LoggedAccess> | null> {
  const read = await readChildRecord(deps, reader, childId, 'access_log', 'accessLog');
  if (!read) return null;
  const entries = await deps.accessLog.forChild(read.childId, { limit: ACCESS_LOG_READ_CAP });
  return pageOf(entries, (entry) => [-entry.sequence], request);
}
