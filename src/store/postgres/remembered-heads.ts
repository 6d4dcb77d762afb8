import type { StreamHead } from '../port.js';

/**
 * The heads this process last wrote or read, so an append can be sealed without first asking the database.
 * Only a guess: the database checks it under the stream's lock and answers with the real head when another
 * process has moved it, so a stale or missing head costs one more round trip, never a wrong entry.
 * Bounded: the oldest-used stream is forgotten first. Holds no payloads, only revisions and hashes.
 */
export class RememberedHeads {
  private readonly heads = new Map<string, StreamHead | null>();

  constructor(private readonly capacity = 20_000) {}

  /** `undefined` when not remembered; `null` when the stream was seen not to exist. */
  get(streamId: string): StreamHead | null | undefined {
    const head = this.heads.get(streamId);
    if (head === undefined) return undefined;
    // Map iteration follows insertion order: moving a used stream to the end keeps the oldest-used first.
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    return head;
  }

  set(streamId: string, head: StreamHead | null): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  get size(): number {
    return this.heads.size;
  }
}
