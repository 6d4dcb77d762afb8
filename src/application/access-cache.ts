import type { ReadAccess } from '../domain/access/read-access.js';
import type { Actor } from '../ledger/envelope.js';

/**
 * Access judged on a child's record is the same until the record grows or the day changes (rights pass and
 * grants expire by date), so lists asked again do not refold every child. Keyed by the whole actor, since a
 * parent's or an advocate's access depends on who they are, not only on their role.
 */
export class AccessCache {
  private readonly children = new Map<string, { revision: number; day: string; byActor: Map<string, ReadAccess | null> }>();
  private readonly lists = new Map<string, { stamp: string; value: unknown }>();

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

  /**
   * A whole list judged for an actor (the children of an LA they may see), kept while its stamp holds: the stamp
   * names what it was judged from (the read models' positions, the count of records that grew, the day).
   */
  list<T>(actor: Actor, question: string, stamp: string): T | undefined {
    const cached = this.lists.get(`${actorKey(actor)}\u0000${question}`);
    return cached?.stamp === stamp ? (cached.value as T) : undefined;
  }

  keepList<T>(actor: Actor, question: string, stamp: string, value: T): void {
    const key = `${actorKey(actor)}\u0000${question}`;
    this.lists.delete(key);
    if (this.lists.size >= 1_000) this.lists.delete(this.lists.keys().next().value!);
    this.lists.set(key, { stamp, value });
  }
}

const actorKey = (actor: Actor) => `${actor.role}\u0000${actor.organisation}\u0000${actor.id}`;
