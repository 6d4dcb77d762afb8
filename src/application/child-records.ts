import { CANDIDATES, laParty, organisationParty, personParty, settingParty } from '../../projections/child-access-index.js';
import { CHILDREN, laTag, settingTag } from '../../projections/child-directory.js';
import type { AccessRecorder } from '../access-log/access-recorder.js';
import { currentAccess, mayRead, readAccess, type ReadAccess } from '../domain/access/read-access.js';
import type { ReadKind } from '../domain/access/read-kinds.js';
import type { AccessCache } from './access-cache.js';
import type { ChildClockCache } from './child-clock-cache.js';
import type { ChildSummaries } from './child-summaries.js';
import { summariseChild } from './summarise-children.js';
import { recordAtRevision } from './record-at-revision.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import { childIdsListed } from './read-model-lists.js';
import type { StreamRevisions } from '../store/stream-revisions.js';
import { childEventsOf, viewOf } from './record-views.js';
import { childStreamId } from '../domain/child-record/events.js';
import { SETTING_ROLES, type Role } from '../domain/roles.js';
import type { Actor, LedgerEntry } from '../ledger/envelope.js';
import type { RunningProjection } from '../read-models/projector.js';
import type { EventStore } from '../store/port.js';

/**
 * The only way the API reads a child's record: every read is scoped to what the actor may see and is noted
 * for the access log. A child the actor has no relationship with reads exactly as a child that does not
 * exist (null, or absent from a list); the attempt is logged as denied.
 */
export interface ChildRecordsDependencies {
  store: EventStore;
  clock: () => Date;
  directory: RunningProjection;
  accessIndex: RunningProjection;
  /** Access already judged for a child at its current revision today. */
  accessCache: AccessCache;
  /** Each child's clocks by revision and day, whole, for the few a page of deadlines shows. */
  clockCache?: ChildClockCache;
  /** Each child's access facts and clocks in summary by revision: what lists over an LA or a school judge and count. */
  summaries?: ChildSummaries;
  /** Every child's stream revision in memory: a list over an LA asks the store once, not once per child. */
  streamRevisions?: StreamRevisions;
}

/** What judging one child's record by name needs: no read model, so a command line can read through the gateway too. */
export type OneChildDependencies = Pick<ChildRecordsDependencies, 'store' | 'clock' | 'accessCache'>;

export interface PermittedRead {
  childId: string;
  /** The entries the actor may read: the whole stream, or up to where a former relationship ended. */
  entries: LedgerEntry[];
  access: ReadAccess;
  /** True when the actor reads the record only as it stood when their relationship ended. */
  capped: boolean;
}

export interface Reader {
  actor: Actor;
  reads: AccessRecorder;
}

const positioned = (entries: readonly LedgerEntry[]) =>
  viewOf(entries, 'positioned', () => childEventsOf(entries).map((event, i) => ({ ...event, streamRevision: entries[i]!.streamRevision })));

/** How the actor may read these entries of the child's record now (cached per revision and day). */
function accessTo(deps: OneChildDependencies, childId: string, entries: LedgerEntry[], actor: Actor): ReadAccess | null {
  const now = deps.clock();
  const day = now.toISOString().slice(0, 10);
  const revision = entries.at(-1)!.streamRevision;
  const cached = deps.accessCache.get(childId, revision, day, actor);
  if (cached !== undefined) return cached;
  const access = readAccess(positioned(entries), actor, now);
  deps.accessCache.set(childId, revision, day, actor, access);
  return access;
}

/** Judge a read of a stream already loaded: note it, and cut the entries to the actor's window. */
function judged(deps: OneChildDependencies, reader: Reader, childId: string, entries: LedgerEntry[], kind: ReadKind, what: string): PermittedRead | null {
  if (entries.length === 0) return null;
  const access = accessTo(deps, childId, entries, reader.actor);
  if (!mayRead(access, kind)) {
    reader.reads.denied(childId, what);
    return null;
  }
  reader.reads.permitted(childId, what, access.relationships.map((r) => r.basis));
  const upTo = access.upToRevision;
  return { childId, entries: upTo === null ? entries : entries.filter((e) => e.streamRevision <= upTo), access, capped: upTo !== null };
}

export async function readChildRecord(deps: OneChildDependencies, reader: Reader, childId: string, kind: ReadKind, what: string): Promise<PermittedRead | null> {
  return judged(deps, reader, childId, await deps.store.readStream(childStreamId(childId)), kind, what);
}

/** The parties the actor's token makes them: where their candidate children are indexed. */
function partiesOf(actor: Actor): string[] {
  if (actor.role === 'la_officer' || actor.role === 'privacy_officer') return [laParty(actor.organisation)];
  if (SETTING_ROLES.includes(actor.role as Role)) return [settingParty(actor.organisation)];
  if (actor.role === 'parent_carer' || actor.role === 'young_person') return [personParty(actor.id)];
  return [organisationParty(actor.organisation), personParty(actor.id)];
}

/** A child a list may answer about, with how the reader may read it and the revision it was judged at. */
export interface PermittedChild {
  childId: string;
  access: ReadAccess;
  revision: number;
}

export interface ChildrenScope {
  laCode?: string;
  settingUrn?: string;
}

/**
 * Every child the actor has a relationship with now, and how they may read it (lists answer about current
 * relationships; a former setting or LA reads its period child by child), optionally only those of an LA or
 * a setting. A child whose access is already judged at its current revision today is not read again.
 */
export async function childrenVisibleTo(
  deps: ChildRecordsDependencies,
  reader: Reader,
  scope: ChildrenScope,
  kind: ReadKind,
): Promise<PermittedChild[]> {
  const head = await deps.store.headPosition();
  await Promise.all([deps.directory.waitFor(head), deps.accessIndex.waitFor(head), deps.streamRevisions?.caughtUp()]);
  const now = deps.clock();
  const day = now.toISOString().slice(0, 10);
  // Judged again only once a read model moved on, a record grew or the day changed: an LA's list is thousands of children.
  const question = `visible\u0000${scope.laCode ?? ''}\u0000${scope.settingUrn ?? ''}\u0000${kind}`;
  const stamp = deps.streamRevisions ? `${deps.accessIndex.position}:${deps.directory.position}:${deps.streamRevisions.count}:${day}` : null;
  const known = stamp === null ? undefined : deps.accessCache.list<PermittedChild[]>(reader.actor, question, stamp);
  if (known) return known;
  const candidates = new Set<string>();
  for (const party of partiesOf(reader.actor)) for (const id of await childIdsListed(deps.accessIndex, CANDIDATES, party)) candidates.add(id);
  if (scope.laCode || scope.settingUrn) {
    const tag = scope.laCode ? laTag(scope.laCode) : settingTag(scope.settingUrn!);
    const inScope = new Set(await childIdsListed(deps.directory, CHILDREN, tag));
    for (const id of candidates) if (!inScope.has(id)) candidates.delete(id);
  }
  const visible: PermittedChild[] = [];
  for (const childId of [...candidates].sort()) {
    const streamId = childStreamId(childId);
    const revision = deps.streamRevisions ? deps.streamRevisions.revisionOf(streamId) : (await deps.store.streamHead(streamId))?.revision;
    if (revision === undefined) continue;
    const facts = deps.summaries?.factsAt(childId, revision);
    const access = facts ? currentAccess(facts, reader.actor, now) : await listedAccess(deps, reader.actor, childId, revision, now);
    // A silent skip here is not an attempt to read: the list was never asked about this child by name.
    if (mayRead(access, kind) && access.upToRevision === null) visible.push({ childId, access, revision });
  }
  if (stamp !== null) deps.accessCache.keepList(reader.actor, question, stamp, Object.freeze(visible));
  return visible;
}

/**
 * How a list may show a child: through the actor's current relationships, judged from the child's access facts at
 * the revision looked up (worked out once per revision and kept), or from the record where none are kept.
 */
async function listedAccess(deps: ChildRecordsDependencies, actor: Actor, childId: string, revision: number, now: Date): Promise<ReadAccess | null> {
  const { summaries } = deps;
  if (!summaries) {
    const day = now.toISOString().slice(0, 10);
    const cached = deps.accessCache.get(childId, revision, day, actor);
    if (cached !== undefined) return cached;
    const entries = await recordAtRevision(deps.store, childId, revision);
    return entries.length === 0 ? null : accessTo(deps, childId, entries, actor);
  }
  // Its clocks too, from the same read: a list of an LA's children is mostly asked for to count their deadlines.
  await summariseChild(deps.store, summaries, childId, revision, englandDateOf(now.toISOString()));
  const facts = summaries.factsAt(childId, revision);
  return facts ? currentAccess(facts, actor, now) : null;
}

/**
 * The records of every child visible to the actor in scope (see childrenVisibleTo). The caller notes
 * (`noteRead`) the children whose records it answers with: an aggregate figure reads no one's record.
 */
export async function readChildrenInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildrenScope, kind: ReadKind): Promise<PermittedRead[]> {
  const reads: PermittedRead[] = [];
  for (const { childId, access } of await childrenVisibleTo(deps, reader, scope, kind)) {
    reads.push({ childId, entries: await deps.store.readStream(childStreamId(childId)), access, capped: false });
  }
  return reads;
}

/** Note, for the access log, that a child's record was part of the answer. */
export const noteRead = (reader: Reader, read: Pick<PermittedRead, 'childId' | 'access'>, what: string) =>
  reader.reads.permitted(read.childId, what, read.access.relationships.map((r) => r.basis));
