import { randomBytes, randomUUID } from 'node:crypto';

/** A child's data key: 32 random bytes for AES-256-GCM, named by an id that entries record in the clear. */
export interface ChildKey {
  keyId: string;
  key: Buffer;
}

/**
 * Where the per-child data keys live: never in the ledger file, so destroying a key erases the child's
 * data everywhere the ledger's bytes were copied (backups included) while every hash stays valid.
 * A key's buffer may be shared with other callers (a store keeps the keys last used): read it, never change it.
 */
export interface ChildKeyStore {
  /** The child's key, created on first use. Throws KeyDestroyed once the child's key was destroyed. */
  keyFor(childId: string): Promise<ChildKey>;
  /** The key with this id; null once it has been destroyed (or if it never existed). */
  find(keyId: string): Promise<Buffer | null>;
  /** Destroy the child's key for good. Idempotent; a child with no key yet is marked destroyed too. */
  destroy(childId: string): Promise<void>;
  isDestroyed(childId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Nothing more can be encrypted for a child whose key has been destroyed: the record was erased. */
export class KeyDestroyed extends Error {
  constructor(readonly childId: string) {
    super(`the data key of child ${childId} has been destroyed: the record was erased`);
    this.name = 'KeyDestroyed';
  }
}

export const newChildKey = (): ChildKey => ({ keyId: randomUUID(), key: randomBytes(32) });

/** In-process key store for tests. Destroying a key zeroes its bytes. */
export function memoryKeyStore(): ChildKeyStore {
  const byChild = new Map<string, ChildKey>();
  const byId = new Map<string, Buffer>();
  const destroyed = new Set<string>();
  return {
    async keyFor(childId) {
      if (destroyed.has(childId)) throw new KeyDestroyed(childId);
      let found = byChild.get(childId);
      if (!found) {
        found = newChildKey();
        byChild.set(childId, found);
        byId.set(found.keyId, found.key);
      }
      return { keyId: found.keyId, key: Buffer.from(found.key) };
    },
    async find(keyId) {
      const key = byId.get(keyId);
      return key ? Buffer.from(key) : null;
    },
    async destroy(childId) {
      const found = byChild.get(childId);
      if (found) {
        found.key.fill(0);
        byId.delete(found.keyId);
        byChild.delete(childId);
      }
      destroyed.add(childId);
    },
    async isDestroyed(childId) {
      return destroyed.has(childId);
    },
    async close() {},
  };
}
