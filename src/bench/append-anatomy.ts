/**
 * Where the SQLite ledger's durable append spends its time beyond the raw baseline: the same interactive
 * workload into a plain table, then adding one by one what the ledger's schema adds (AUTOINCREMENT, the unique
 * event id index, the stream-heads table, the no-replace trigger), then the ledger itself, in interleaved blocks so a
 * busy machine slows all alike. Also counts the WAL bytes each commit writes (what each fsync carries).
 *
 *   npx tsx src/bench/append-anatomy.ts [--streams 400] [--bulk]
 *
 * With --bulk, each append is a whole stream (25 events in one transaction), as in the workload's phase 2.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { NO_STREAM } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { toProposedEvent, generateWorkload, type WorkloadEvent } from './workload.js';

const TABLE = `CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL,
  event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, stream_revision));`;
/** AUTOINCREMENT also rewrites the sqlite_sequence row on every insert: one more page per commit. */
const AUTOINCREMENT_TABLE = TABLE.replace('position INTEGER PRIMARY KEY', 'position INTEGER PRIMARY KEY AUTOINCREMENT');
const EVENT_ID_INDEX = 'CREATE UNIQUE INDEX events_event_id ON events (event_id);';
const HEADS = 'CREATE TABLE heads (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID;';
const TRIGGER = `CREATE TRIGGER no_replace BEFORE INSERT ON events WHEN EXISTS (SELECT 1 FROM events WHERE position = NEW.position
  OR event_id = NEW.event_id OR (stream_id = NEW.stream_id AND stream_revision = NEW.stream_revision)) BEGIN SELECT RAISE(ABORT, 'immutable'); END;`;

interface Variant {
  name: string;
  append(events: readonly WorkloadEvent[]): void | Promise<void>;
  walFile: string;
  close(): void;
}

function plain(dir: string, name: string, schema: string[], withHeads: boolean): Variant {
  const file = join(dir, `${name}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec(schema.join('\n'));
  const insert = db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const head = withHeads ? db.prepare('SELECT revision, hash FROM heads WHERE stream_id = ?') : null;
  const upsert = withHeads ? db.prepare('INSERT INTO heads VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash') : null;
  const append = db.transaction((events: readonly WorkloadEvent[]) => {
    head?.get(events[0]!.streamId);
    for (const e of events) insert.run(e.streamId, e.revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
    upsert?.run(events[0]!.streamId, events.at(-1)!.revision, 'f'.repeat(64));
  });
  return { name, append: (events) => void append.immediate(events), walFile: `${file}-wal`, close: () => db.close() };
}

const { values } = parseArgs({ options: { streams: { type: 'string', default: '400' }, bulk: { type: 'boolean', default: false } } });
const workload = generateWorkload({ streams: Number(values.streams), eventsPerStream: 25, seed: 42 });
const dir = mkdtempSync(join(tmpdir(), 'send-ledger-anatomy-'));
const ledgerFile = join(dir, 'ledger.sqlite');
const ledger = openSqliteStore(ledgerFile);
ledger.database.pragma('wal_autocheckpoint = 0');
const variants: Variant[] = [
  plain(dir, 'raw (the benchmark\'s baseline)', [TABLE], false),
  plain(dir, 'raw + AUTOINCREMENT', [AUTOINCREMENT_TABLE], false),
  plain(dir, 'raw + AUTOINCREMENT + event id index', [AUTOINCREMENT_TABLE, EVENT_ID_INDEX], false),
  plain(dir, '... + stream heads table', [AUTOINCREMENT_TABLE, EVENT_ID_INDEX, HEADS], true),
  plain(dir, '... + no-replace trigger (the ledger schema)', [AUTOINCREMENT_TABLE, EVENT_ID_INDEX, HEADS, TRIGGER], true),
  {
    name: 'ledger (openSqliteStore.append)',
    append: async (events) => {
      await ledger.append(events[0]!.streamId, events.map(toProposedEvent), events[0]!.revision === 0 ? NO_STREAM : events[0]!.revision - 1);
    },
    walFile: `${ledgerFile}-wal`,
    close: () => ledger.database.close(),
  },
];
const seconds = variants.map(() => 0);
// Interactive: one event per commit, streams growing side by side; bulk: one stream per commit.
const appends: WorkloadEvent[][] = values.bulk ? workload.streams : workload.interactiveOrder().map((event) => [event]);
const block = values.bulk ? 20 : 500;
for (let b = 0; b * block < appends.length; b++) {
  for (let k = 0; k < variants.length; k++) {
    const v = (b + k) % variants.length;
    const started = performance.now();
    for (const events of appends.slice(b * block, b * block + block)) await variants[v]!.append(events);
    seconds[v]! += (performance.now() - started) / 1000;
  }
}
console.log(`${workload.totalEvents} events per variant in ${appends.length} durable appends of ${values.bulk ? 'a whole stream' : 'one event'} (WAL, synchronous=FULL), interleaved in blocks:`);
const base = workload.totalEvents / seconds[0]!;
variants.forEach((variant, i) => {
  const perSecond = workload.totalEvents / seconds[i]!;
  const walKb = statSync(variant.walFile).size / appends.length / 1024;
  console.log(`  ${variant.name.padEnd(46)} ${Math.round(perSecond).toString().padStart(6)} events/s  ${(perSecond / base).toFixed(2)} x raw  ${walKb.toFixed(1)} KB of WAL per commit`);
  variant.close();
});
rmSync(dir, { recursive: true, force: true });
