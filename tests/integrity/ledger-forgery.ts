import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { chainHash } from '../../src/ledger/event-hash.js';
import type { JsonObject } from '../../src/ledger/envelope.js';

export interface ForgeOptions {
  type: string;
  data: JsonObject;
  globalPosition: number;
  moveHead: boolean;
}

export interface ForgedEntry {
  eventId: string;
  streamRevision: number;
  previousHash: string;
  hash: string;
  canonical: string;
}

/** The next entry of a stream, sealed as the ledger would seal it: canonical bytes, chained to the stream's head. */
export function forgedEntry(streamId: string, head: { revision: number; hash: string }, options: Pick<ForgeOptions, 'type' | 'data'>): ForgedEntry {
  const eventId = randomUUID();
  const streamRevision = head.revision + 1;
  const actor = { id: 'la_officer:202:Forger', displayName: 'Sam Forger', role: 'la_officer', organisation: '202' };
  const at = '2025-06-02T09:00:00.000Z';
  const body = {
    eventId,
    streamId,
    streamRevision,
    type: options.type,
    schemaVersion: 1,
    data: options.data,
    metadata: { actor, occurredAt: at, recordedAt: at, correlationId: eventId, causationId: eventId },
  };
  const canonical = canonicalJson(body);
  return { eventId, streamRevision, previousHash: head.hash, hash: chainHash(head.hash, canonical), canonical };
}

/**
 * What someone with file access and no keys can do to a SQLite ledger: drop the triggers, then write rows that
 * are correctly hash-chained (the scheme is public, so every hash can be recomputed). Used by the tests that
 * show verification and reads see through it.
 */
export class SqliteForger {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.exec(`DROP TRIGGER IF EXISTS ledger_events_no_update; DROP TRIGGER IF EXISTS ledger_events_no_delete;
                  DROP TRIGGER IF EXISTS ledger_events_no_replace;`);
  }

  head(streamId: string): { revision: number; hash: string } {
    return this.db.prepare('SELECT revision, hash FROM ledger_streams WHERE stream_id = ?').get(streamId) as { revision: number; hash: string };
  }

  lastPosition(): number {
    return (this.db.prepare('SELECT max(global_position) AS p FROM ledger_events').get() as { p: number }).p;
  }

  row(position: number): { event_id: string; stream_id: string; stream_revision: number; previous_hash: string; hash: string } {
    return this.db.prepare('SELECT event_id, stream_id, stream_revision, previous_hash, hash FROM ledger_events WHERE global_position = ?').get(position) as never;
  }

  /** A new entry continuing a stream's chain, stored at `globalPosition`; the stream head is moved to it only when asked. */
  forgeNext(streamId: string, options: ForgeOptions): ForgedEntry {
    const forged = forgedEntry(streamId, this.head(streamId), options);
    this.db
      .prepare('INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(options.globalPosition, forged.eventId, streamId, forged.streamRevision, options.type, forged.previousHash, forged.hash, forged.canonical);
    if (options.moveHead) this.db.prepare('UPDATE ledger_streams SET revision = ?, hash = ? WHERE stream_id = ?').run(forged.streamRevision, forged.hash, streamId);
    return forged;
  }

  /** Swap two entries' places in the global log (each stream's own chain is untouched). */
  swap(a: number, b: number): void {
    const move = this.db.prepare('UPDATE ledger_events SET global_position = ? WHERE global_position = ?');
    this.db.transaction(() => {
      move.run(-1_000_000, a);
      move.run(a, b);
      move.run(b, -1_000_000);
    })();
  }

  /** Remove a stream's newest entry and edit its head to the entry before; optionally close the gap it leaves. */
  removeTail(streamId: string, options: { closeGap: boolean }): number {
    const { revision } = this.head(streamId);
    const tail = this.db.prepare('SELECT global_position AS p, previous_hash AS previousHash FROM ledger_events WHERE stream_id = ? AND stream_revision = ?').get(streamId, revision) as {
      p: number;
      previousHash: string;
    };
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM ledger_events WHERE global_position = ?').run(tail.p);
      this.db.prepare('UPDATE ledger_streams SET revision = ?, hash = ? WHERE stream_id = ?').run(revision - 1, tail.previousHash, streamId);
      if (options.closeGap) {
        // In two steps, so no position is ever held twice.
        this.db.prepare('UPDATE ledger_events SET global_position = global_position + 1000000000 WHERE global_position > ?').run(tail.p);
        this.db.prepare('UPDATE ledger_events SET global_position = global_position - 1000000001 WHERE global_position > 1000000000').run();
      }
    })();
    return tail.p;
  }

  close(): void {
    this.db.close();
  }
}
