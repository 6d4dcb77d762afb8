import type { ReadAccess } from '../domain/access/read-access.js';
import type { Actor } from '../ledger/envelope.js';

/**
 * Access judged on a child's record is the same until the record grows or the day changes (rights pass and
 * grants expire by date), so lists asked again do not refold every child. Keyed by the whole actor, since a
 * parent's or an advocate's access depends on who they are, not only on their role.
 */
export class AccessCache {
  private readonly children = new Map<string, { revision: number; day: string; byActor: Map<string, ReadAccess | null> }>();

  constructor(private readonly capacity = 50_000) {}

  get(childId: string, revision: number, day: string, actor: Actor): ReadAccess | null | undefined {
    const cached = this.children.get(childId);
    if (!cached || cached.revision !== revision || cached.day !== day) return undefined;
    return cached.byActor.get(actorKey(actor));
  }

  set(childId: string, revision: number, day: string, actor: Actor, access: ReadAccess | null): void {
    let cached = this.children.get(childId);
    if (!cached || cached.revision !== revision || cached.day !== day) {
      this.children.delete(childId);
      if (this.children.size >= this.capacity) this.children.delete(this.children.keys().next().value!);
      cached = { revision, day, byActor: new Map() };
      this.children.set(childId, cached);
    }
    if (cached.byActor.size < 1_000) cached.byActor.set(actorKey(actor), access);
  }
}

const actorKey = (actor: Actor) => `${actor.role}\u0000${actor.organisation}\u0000${actor.id}`;
