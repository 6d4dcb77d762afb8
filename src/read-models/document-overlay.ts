import type { DocumentWriter } from './read-model-store.js';

export interface PendingDocument {
  collection: string;
  key: string;
  /** undefined: delete. */
  value: unknown;
  tags: string[];
}

/**
 * The writes of one batch, held in memory over whatever is stored, and flushed once at the end.
 * Values are copied in and out, so a projection cannot change a document without putting it.
 */
export function documentOverlay(load: (collection: string, key: string) => unknown): { writer: DocumentWriter; pending: () => PendingDocument[] } {
  const writes = new Map<string, PendingDocument>();
  const id = (collection: string, key: string) => `${collection}\u0000${key}`;
  const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
  return {
    writer: {
      get<T>(collection: string, key: string) {
        const pending = writes.get(id(collection, key));
        return copy((pending ? pending.value : load(collection, key)) as T | undefined);
      },
      put(collection, key, value, tags = []) {
        writes.set(id(collection, key), { collection, key, value: copy(value), tags: [...new Set(tags)] });
      },
      delete(collection, key) {
        writes.set(id(collection, key), { collection, key, value: undefined, tags: [] });
      },
    },
    pending: () => [...writes.values()],
  };
}
