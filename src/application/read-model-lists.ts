import type { RunningProjection } from '../read-models/projector.js';

/**
 * A read model's list (every document of a collection with a tag) as of the read model's position: an LA's list of
 * children is read and parsed once, then again only after the read model has moved on. A few lists per read model.
 */
const lists = new WeakMap<RunningProjection, Map<string, { position: number; ids: readonly string[] }>>();
const LISTS_PER_READ_MODEL = 256;

/** The `childId` of every document in the list, as of the read model's position now. */
export async function childIdsListed(projection: RunningProjection, collection: string, tag: string): Promise<readonly string[]> {
  let known = lists.get(projection);
  if (!known) lists.set(projection, (known = new Map()));
  const key = `${collection}\u0000${tag}`;
  const position = projection.position;
  const cached = known.get(key);
  if (cached && cached.position === position) return cached.ids;
  const ids = (await projection.reader.list<{ childId: string }>(collection, tag)).map((doc) => doc.childId);
  known.delete(key);
  if (known.size >= LISTS_PER_READ_MODEL) known.delete(known.keys().next().value!);
  known.set(key, { position, ids });
  return ids;
}
