import { promiseRegister } from '../../projections/promise-register.js';
import { queryPromisePage, queryPromises, type PromiseFilter, type PromisePage, type PromiseView } from '../../projections/promise-view.js';
import type { PageRequest } from './paging.js';
import { childrenVisibleTo, noteRead, readChildRecord, type ChildRecordsDependencies, type Reader } from './child-records.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { memoryReadModels } from '../read-models/memory-read-models.js';
import type { DocumentReader } from '../read-models/read-model-store.js';
import type { RunningProjection } from '../read-models/projector.js';

export type PromisesDependencies = ChildRecordsDependencies & { promises: RunningProjection };

/** The register as the entries a former relationship may read say it stood: its fold over that window only. */
async function registerOver(entries: LedgerEntry[]): Promise<DocumentReader> {
  const window = memoryReadModels();
  await window.commit(promiseRegister, entries);
  return window.reader(promiseRegister.name);
}

/**
 * The promises register, scoped to the reader: one child they may read (as far as they may read it), or
 * every child they relate to now. Each child whose promises are answered gets its access entry.
 */
export async function promisesVisibleTo(deps: PromisesDependencies, reader: Reader, filter: PromiseFilter): Promise<PromiseView[]> {
  const { store, promises, clock } = deps;
  if (filter.childId) {
    const read = await readChildRecord(deps, reader, filter.childId, 'record', 'promises');
    if (!read) return [];
    if (read.capped) return queryPromises(await registerOver(read.entries), filter, clock());
  }
  // Read-your-writes: the register includes everything appended before this query started.
  await promises.waitFor(await store.headPosition());
  const answered = await queryPromises(promises.reader, filter, clock());
  if (filter.childId) return answered;
  const visible = new Map((await childrenVisibleTo(deps, reader, {}, 'record')).map((r) => [r.childId, r]));
  const scoped = answered.filter((promise) => visible.has(promise.childId));
  for (const childId of new Set(scoped.map((p) => p.childId))) noteRead(reader, visible.get(childId)!, 'promises');
  return scoped;
}

/**
 * One page of the promises the reader may see, in the order of the register's keys (the lines' ids). Who may
 * read which child is settled before any line's view is built, so a child the reader may not read is neither on
 * the page nor in its count; each child with a line on the page gets its access entry.
 */
export async function promisePageVisibleTo(deps: PromisesDependencies, reader: Reader, filter: PromiseFilter, request: PageRequest): Promise<PromisePage> {
  const { store, promises, clock } = deps;
  if (filter.childId) {
    const read = await readChildRecord(deps, reader, filter.childId, 'record', 'promises');
    if (!read) return { nodes: [], cursors: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: () => Promise.resolve(0) };
    if (read.capped) return queryPromisePage(await registerOver(read.entries), filter, clock(), request, () => true);
    await promises.waitFor(await store.headPosition());
    return queryPromisePage(promises.reader, filter, clock(), request, () => true);
  }
  await promises.waitFor(await store.headPosition());
  const visible = new Map((await childrenVisibleTo(deps, reader, {}, 'record')).map((r) => [r.childId, r]));
  const page = await queryPromisePage(promises.reader, filter, clock(), request, (childId) => visible.has(childId));
  for (const childId of new Set(page.nodes.map((p) => p.childId))) noteRead(reader, visible.get(childId)!, 'promises');
  return page;
}
