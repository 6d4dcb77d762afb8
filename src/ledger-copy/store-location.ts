import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openEventStoreDbStore } from '../store/eventstoredb/eventstoredb-store.js';
import type { EventStore } from '../store/port.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';

/** Where a ledger lives, as the copy command names it: `sqlite:<path>`, `postgres://...`, `esdb://...`. */
export type StoreLocation =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'eventstoredb'; url: string };

export function parseStoreLocation(text: string): StoreLocation {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw new Error('sqlite: needs a file path, e.g. sqlite:./data/ledger.sqlite');
    return { kind: 'sqlite', file: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', url: text };
  if (/^esdb(\+discover)?:\/\//.test(text)) return { kind: 'eventstoredb', url: text };
  throw new Error(`"${redact(text)}" is not a store: use sqlite:<path>, postgres://... or esdb://...`);
}

/** For messages and logs: a location without its password. */
export function describeLocation(location: StoreLocation): string {
  return location.kind === 'sqlite' ? `sqlite:${location.file}` : redact(location.url);
}

function redact(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return text.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}

/**
 * Opens the store raw: no encryption decorator, so child payloads are read and written as the ciphertext that
 * was hashed. A SQLite source must already exist; a SQLite target is created owner-only, like the service's.
 */
export async function openStoreAt(location: StoreLocation, role: 'source' | 'target'): Promise<EventStore> {
  switch (location.kind) {
    case 'sqlite':
      if (!existsSync(location.file)) {
        if (role === 'source') throw new Error(`there is no ledger at ${location.file}`);
        mkdirSync(dirname(location.file), { recursive: true, mode: 0o700 });
        closeSync(openSync(location.file, 'a', 0o600));
      }
      return openSqliteStore(location.file);
    case 'postgres':
      return openPostgresStore(location.url);
    case 'eventstoredb':
      return openEventStoreDbStore(location.url);
  }
}
