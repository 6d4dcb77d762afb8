import { freezeParsed, frozenJson } from './frozen-json.js';
import type { DocumentWriter } from './read-model-store.js';

/** A document as the store holds it before the batch: its value (undefined: none) and its tags, if known. */
export interface StoredDocument {
  value: unknown;
  tags?: readonly string[];
}

export interface PendingDocument {
  collection: string;
  key: string;
  /** undefined: delete. */
  value: unknown;
  tags: string[];
  /** What was stored under the key, if the batch read it first: lets a flush skip writes that change nothing. */
  stored?: StoredDocument;
}

export const documentId = (collection: string, key: string) => `${collection}\u0000${key}`;

/**
 * The writes of one batch, held in memory over whatever is stored, and flushed once at the end.
 * Documents are frozen (a value put is copied first, sharing what it took from frozen documents), so a
 * projection cannot change a document without putting it, and nothing is copied when it is read.
 * `load` gives a stored value freshly parsed from JSON (frozen here, in place) or one this module froze before.
 */
export function documentOverlay(load: (collection: string, key: string) => StoredDocument): {
  writer: DocumentWriter;
  pending: () => PendingDocument[];
  /** Every document the batch read or wrote, by documentId, as it stands after the batch. */
  touched: () => Map<string, StoredDocument>;
} {
  const writes = new Map<string, PendingDocument>();
  const loaded = new Map<string, StoredDocument>();
  const stored = (collection: string, key: string, id: string) => {
    let doc = loaded.get(id);
    if (!doc) {
      doc = load(collection, key);
      freezeParsed(doc.value);
      loaded.set(id, doc);
    }
    return doc;
  };
  const write = (collection: string, key: string, value: unknown, tags: string[]) => {
    const id = documentId(collection, key);
    writes.set(id, { collection, key, value, tags, stored: loaded.get(id) });
  };
  return {
    writer: {
      get<T>(collection: string, key: string) {
        const id = documentId(collection, key);
        return (writes.get(id) ?? stored(collection, key, id)).value as T | undefined;
      },
      put(collection, key, value, tags = []) {
        write(collection, key, value === undefined ? undefined : frozenJson(value), [...new Set(tags)]);
      },
      delete(collection, key) {
        write(collection, key, undefined, []);
      },
    },
    pending: () => [...writes.values()],
    touched: () => {
      const all = new Map(loaded);
      for (const [id, doc] of writes) all.set(id, { value: doc.value, tags: doc.tags });
      return all;
    },
  };
}
