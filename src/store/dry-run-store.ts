import { openEntry, position, type LedgerEntry, type ProposedEvent } from '../ledger/envelope.js';
import { idempotencyKeyOf, planAppend } from './append-plan.js';
import type { AppendResult, EventStore, ExpectedRevision, StreamHead, StreamRange, Subscription } from './port.js';

/**
 * A store that reads through to another and keeps its own appends in memory: the write path runs against it
 * exactly as against the real store (same reads, same rules, same revision checks), and nothing reaches the
 * store beneath. A dry run judges with it; the caseload import judges each row in one before writing the row.
 * It is not a durable store: it does not subscribe, and closing it leaves the store beneath open.
 */
export class DryRunStore implements EventStore {
  private readonly pending = new Map<string, LedgerEntry[]>();
  private pendingCount = 0;

  constructor(
    private readonly beneath: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** How many entries were appended here (and kept from the store beneath). */
  get appendedEntries(): number {
    return this.pendingCount;
  }

  async append(streamId: string, events: ProposedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const entries = await this.readStream(streamId);
    const beneathHead = await this.beneath.headPosition();
    const key = idempotencyKeyOf(events);
    if (key !== undefined) {
      const seen = entries.filter((e) => e.metadata.idempotencyKey === key);
      if (seen.length > 0) return { nextExpectedRevision: entries.at(-1)!.streamRevision, entries: seen, deduplicated: true };
    }
    const last = entries.at(-1);
    const head: StreamHead | null = last ? { revision: last.streamRevision, hash: last.hash } : null;
    const sealed = planAppend(streamId, head, events, expected, this.clock().toISOString());
    // Counted after the last await, so appends to other streams at the same time get positions of their own.
    const from = beneathHead + this.pendingCount + 1;
    const stored = sealed.map((s, i) => openEntry(s.canonical, from + i, s.previousHash, s.hash));
    this.pending.set(streamId, [...(this.pending.get(streamId) ?? []), ...stored]);
    this.pendingCount += stored.length;
    return { nextExpectedRevision: stored.at(-1)!.streamRevision, entries: stored.map(copy), deduplicated: false };
  }

  async readStream(streamId: string, range: StreamRange = {}): Promise<LedgerEntry[]> {
    const from = range.fromRevision ?? 0;
    const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
    const beneath = await this.beneath.readStream(streamId, range);
    const mine = (this.pending.get(streamId) ?? []).filter((e) => e.streamRevision >= from && e.streamRevision <= to).map(copy);
    return [...beneath, ...mine];
  }

  async readAll(fromPosition: number, limit: number): Promise<LedgerEntry[]> {
    const beneath = await this.beneath.readAll(fromPosition, limit);
    const mine = [...this.pending.values()].flat().filter((e) => e.globalPosition >= fromPosition).sort((a, b) => a.globalPosition - b.globalPosition);
    return [...beneath, ...mine.map(copy)].slice(0, limit);
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const last = this.pending.get(streamId)?.at(-1);
    return last ? { revision: last.streamRevision, hash: last.hash } : this.beneath.streamHead(streamId);
  }

  async streamHeads(): Promise<Array<StreamHead & { streamId: string }>> {
    const heads = new Map((await this.beneath.streamHeads()).map((h) => [h.streamId, h]));
    for (const [streamId, entries] of this.pending) {
      const last = entries.at(-1)!;
      heads.set(streamId, { streamId, revision: last.streamRevision, hash: last.hash });
    }
    return [...heads.values()].sort((a, b) => a.streamId.localeCompare(b.streamId));
  }

  async headPosition() {
    const beneath = await this.beneath.headPosition();
    return this.pendingCount === 0 ? beneath : position(beneath + this.pendingCount);
  }

  subscribe(): Subscription {
    throw new Error('a dry-run store keeps its writes to itself: it has nothing to subscribe to');
  }

  /** The store beneath belongs to whoever opened it. */
  async close(): Promise<void> {}
}

/** Readers get their own objects, as from a durable store. */
const copy = (e: LedgerEntry) => openEntry(e.canonical, e.globalPosition, e.previousHash, e.hash);
