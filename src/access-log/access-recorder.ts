import { randomUUID } from 'node:crypto';
import type { Actor } from '../ledger/envelope.js';
import type { AccessEntry } from './access-entry.js';

export interface ReadContext {
  actor: Actor;
  requestId: string;
  purpose: string;
  via: AccessEntry['via'];
  sourceIp?: string;
  route?: string;
}

interface ChildReads {
  read: Set<string>;
  denied: Set<string>;
  basis: Set<string>;
}

/**
 * Collects the reads of one request, so that each child read (however many fields, aliases or list items
 * touched it) becomes exactly one access entry, written before the response leaves.
 */
export class AccessRecorder {
  private readonly children = new Map<string, ChildReads>();

  constructor(private context: ReadContext) {}

  /** A purpose stated with the request itself (an evidence bundle's), rather than in a header. */
  statePurpose(purpose: string): void {
    this.context = { ...this.context, purpose };
  }

  permitted(childId: string, what: string, basis: readonly string[]): void {
    const reads = this.of(childId);
    reads.read.add(what);
    for (const b of basis) reads.basis.add(b);
  }

  denied(childId: string, what: string): void {
    this.of(childId).denied.add(what);
  }

  /** The request's access entries, once: a second call returns none. */
  drain(at: Date): AccessEntry[] {
    const { actor, requestId, purpose, via, sourceIp, route } = this.context;
    const entries = [...this.children].map(([childId, reads]): AccessEntry => ({
      accessId: randomUUID(),
      at: at.toISOString(),
      actor: { id: actor.id, role: actor.role, organisation: actor.organisation, displayName: actor.displayName },
      childId,
      read: [...reads.read].sort(),
      denied: [...reads.denied].sort(),
      outcome: reads.denied.size === 0 ? 'permitted' : reads.read.size === 0 ? 'denied' : 'partly_denied',
      purpose,
      basis: [...reads.basis].sort(),
      requestId,
      via,
      ...(sourceIp ? { sourceIp } : {}),
      ...(route ? { route } : {}),
    }));
    this.children.clear();
    return entries;
  }

  private of(childId: string): ChildReads {
    let reads = this.children.get(childId);
    if (!reads) this.children.set(childId, (reads = { read: new Set(), denied: new Set(), basis: new Set() }));
    return reads;
  }
}
