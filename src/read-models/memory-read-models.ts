import { documentOverlay } from './document-overlay.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import type { Checkpoint, DocumentProjection, ReadModelStore } from './read-model-store.js';

interface StoredDocument {
  value: string;
  tags: string[];
}

/** Read models for the in-memory event store (unit tests); same semantics as the SQLite one. */
export function memoryReadModels(): ReadModelStore {
  const documents = new Map<string, Map<string, StoredDocument>>();
  const checkpoints = new Map<string, Checkpoint>();
  const collection = (projection: string, name: string) => {
    const id = `${projection}\u0000${name}`;
    if (!documents.has(id)) documents.set(id, new Map());
    return documents.get(id)!;
  };
  /** Every projection is folded before anything is stored, so a fold that throws leaves all of them as they were. */
  const commitAll = (projections: readonly DocumentProjection[], entries: readonly LedgerEntry[]) => {
    const last = entries.at(-1);
    if (!last) return;
    const folded = projections.map((projection) => {
      const stored = checkpoints.get(projection.name);
      const fresh = stored && stored.version === projection.version ? entries.filter((e) => e.globalPosition > stored.position) : entries;
      const { writer, pending } = documentOverlay((name, key) => {
        const doc = collection(projection.name, name).get(key);
        return doc ? { value: JSON.parse(doc.value), tags: doc.tags } : { value: undefined, tags: [] };
      });
      for (const entry of fresh) projection.apply(entry, writer);
      return { projection, pending: pending(), position: Math.max(last.globalPosition, stored?.position ?? 0) };
    });
    for (const { projection, pending, position } of folded) {
      for (const doc of pending) {
        const docs = collection(projection.name, doc.collection);
        if (doc.value === undefined) docs.delete(doc.key);
        else docs.set(doc.key, { value: JSON.stringify(doc.value), tags: doc.tags });
      }
      checkpoints.set(projection.name, { version: projection.version, position });
    }
  };
  return {
    async checkpoint(projection) {
      return checkpoints.get(projection) ?? null;
    },
    async commit(projection, entries) {
      commitAll([projection], entries);
    },
    async commitAll(projections, entries) {
      commitAll(projections, entries);
    },
    async reset(projection) {
      for (const id of documents.keys()) if (id.startsWith(`${projection.name}\u0000`)) documents.delete(id);
      checkpoints.set(projection.name, { version: projection.version, position: 0 });
    },
    reader(projection) {
      return {
        async get<T>(name: string, key: string) {
          const doc = collection(projection, name).get(key);
          return doc ? (JSON.parse(doc.value) as T) : undefined;
        },
        async list<T>(name: string, tag?: string) {
          return [...collection(projection, name).entries()]
            .filter(([, doc]) => tag === undefined || doc.tags.includes(tag))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, doc]) => JSON.parse(doc.value) as T);
        },
        async keys(name: string, tag?: string) {
          return [...collection(projection, name).entries()]
            .filter(([, doc]) => tag === undefined || doc.tags.includes(tag))
            .map(([key]) => key)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        },
      };
    },
  };
}
