import type { LoggedAccess } from '../access-log/access-entry.js';
import type { AccessLog } from '../access-log/port.js';
import type { ChildRecord } from '../domain/child-record/state.js';
import { childRecordAsOf } from './child-record-as-of.js';
import { childrenVisibleTo, noteRead, type ChildRecordsDependencies, type PermittedChild, type Reader } from './child-records.js';
import { pageOf, type Page, type PageRequest } from './paging.js';

export type AccessAcrossLaDependencies = ChildRecordsDependencies & { accessLog: AccessLog };

/**
 * The newest entries of each child's log the walk reads. The access log's port answers one child at a time
 * (`forChild`), so a question across an LA walks its children: an LA's few thousand children times this many
 * entries is the most one page reads. Older entries are in each child's own log ("Who has looked").
 */
export const ENTRIES_PER_CHILD = 500;

export interface AccessFilter {
  childId?: string;
  actorId?: string;
  role?: string;
  outcome?: 'read' | 'refused';
}

/** A child whose log the reader may read: whose it is, as far as that reader may know (the name, not the record). */
export interface LoggedChild {
  childId: string;
  name: string;
  record: ChildRecord;
}

export interface AccessAcrossLa {
  /** The LA's children whose logs the reader may read, by name. */
  children: LoggedChild[];
  /** Everyone who appears in the logs walked, with their role, for the filter. */
  people: Array<{ id: string; name: string | null; role: string }>;
  roles: string[];
  page: Page<LoggedAccess>;
  /** True when some child's log holds more entries than the walk read (ENTRIES_PER_CHILD). */
  capped: boolean;
}

const matches = (filter: AccessFilter) => (entry: LoggedAccess) =>
  (!filter.childId || entry.childId === filter.childId) &&
  (!filter.actorId || entry.actor.id === filter.actorId) &&
  (!filter.role || entry.actor.role === filter.role) &&
  (!filter.outcome || (filter.outcome === 'read' ? entry.outcome === 'permitted' : entry.outcome !== 'permitted'));

/**
 * Reads of the LA's children's records and refused attempts, newest first, filtered and a page at a time: for the
 * LA's privacy officer (anyone who may read the access log of the LA's children, as the gateway judges it). Whose
 * log each is, by name, is read through the gateway as the privacy officer's list of children is ("home"); each
 * child with an entry on the page is noted as an "accessLog" read. Reading who looked is itself logged.
 */
export async function accessAcrossLa(deps: AccessAcrossLaDependencies, reader: Reader, filter: AccessFilter, request: PageRequest): Promise<AccessAcrossLa> {
  const visible = await childrenVisibleTo(deps, reader, {}, 'access_log');
  const byId = new Map<string, PermittedChild>(visible.map((child) => [child.childId, child]));
  const children: LoggedChild[] = [];
  for (const { childId } of visible) {
    const known = await childRecordAsOf(deps, reader, childId, 'home', undefined, 'access_log');
    if (known) children.push({ childId, name: known.record.profile?.displayName ?? 'Child', record: known.record });
  }
  children.sort((a, b) => a.name.localeCompare(b.name) || a.childId.localeCompare(b.childId));
  const walked = filter.childId ? children.filter((child) => child.childId === filter.childId) : children;
  const entries: LoggedAccess[] = [];
  let capped = false;
  for (const { childId } of walked) {
    const log = await deps.accessLog.forChild(childId, { limit: ENTRIES_PER_CHILD });
    if (log.length === ENTRIES_PER_CHILD) capped = true;
    entries.push(...log);
  }
  const people = new Map<string, { id: string; name: string | null; role: string }>();
  for (const { actor } of entries) if (!people.has(actor.id) || actor.displayName) people.set(actor.id, { id: actor.id, name: actor.displayName ?? null, role: actor.role });
  // Newest first by place in the log: reads logged while someone pages come before their cursor, so pages keep their lines.
  const page = pageOf(entries.filter(matches(filter)), (entry) => [-entry.sequence], request);
  for (const childId of new Set(page.nodes.map((entry) => entry.childId))) noteRead(reader, byId.get(childId)!, 'accessLog');
  return {
    children,
    people: [...people.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id)),
    roles: [...new Set(entries.map((entry) => entry.actor.role))].sort(),
    page,
    capped,
  };
}
