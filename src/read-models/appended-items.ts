/**
 * A document that grows with a line's history (a provision line's entries, a child's list of documents) is
 * stored as the document as last written whole plus one row per item appended to its arrays since, so a
 * delivery writes the delivery, not the line's whole history again. Nothing in a projection says which
 * documents grow: a put whose value keeps every member of the stored one and only adds to the end of arrays is
 * seen here, by identity (documents are frozen and a new value shares what it kept, see frozen-json.ts), so
 * telling costs a pointer comparison per item kept.
 */

/** Items stored after the whole document: `value` goes at `index` of the array in member `field`. */
export interface AppendedItem {
  field: string;
  index: number;
  value: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The items `after` adds to `before` when that is all it changes: [] when nothing changed, undefined when the
 * document must be written whole (a new document, a member changed or removed, an array that shrank or changed).
 */
export function appendedItems(before: unknown, after: unknown): AppendedItem[] | undefined {
  if (!isObject(before) || !isObject(after)) return undefined;
  const fields = Object.keys(after);
  // JSON keeps member order: a member added or removed changes the document whole.
  if (fields.length !== Object.keys(before).length) return undefined;
  const items: AppendedItem[] = [];
  for (const field of fields) {
    const was = before[field];
    const is = after[field];
    if (was === is) continue;
    if (!Object.hasOwn(before, field) || !Array.isArray(was) || !Array.isArray(is) || is.length < was.length) return undefined;
    for (let i = 0; i < was.length; i++) if (was[i] !== is[i]) return undefined;
    for (let i = was.length; i < is.length; i++) items.push({ field, index: i, value: is[i] });
  }
  return items;
}

/** A stored document's items as rows give them back: its member, the index and the item's JSON. */
export interface ItemRow {
  field: string;
  idx: number | string;
  value: string;
}

/** The document as stored whole, with its appended items put back in place (JSON.parse's values, not frozen). */
export function withItems(document: string, items: readonly ItemRow[]): unknown {
  const value = JSON.parse(document) as Json;
  for (const item of items) {
    const array = value[item.field];
    if (!Array.isArray(array)) throw new Error(`read model item for ${item.field}, which is not an array`);
    array[Number(item.idx)] = JSON.parse(item.value);
  }
  return value;
}
