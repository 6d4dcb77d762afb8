import type { Actor } from '../../ledger/envelope.js';
import { englandDateOf } from '../calendar/iso-date.js';
import { applyCorrections } from '../child-record/corrections.js';
import type { ChildEvent } from '../child-record/events.js';
import { evolve } from '../child-record/evolve.js';
import { initialChildRecord, type ChildRecord } from '../child-record/state.js';
import type { AccessFacts } from './access-facts.js';
import type { ReadKind } from './read-kinds.js';
import { currentRelationships, standingRelationships, type Relationship } from './relationships.js';

/** A child's entry as access is judged on it: the domain's view plus its place in the stream. */
export type PositionedChildEvent = ChildEvent & { streamRevision: number };

export interface ReadAccess {
  reads: ReadonlySet<ReadKind>;
  /**
   * The last stream revision the actor may read, or null for the whole record. A former relationship (a setting
   * the child has left, the LA a plan was transferred from, a parent after the rights passed to the young person,
   * an involvement that ended) reads the record as it stood when the relationship ended, and nothing after.
   */
  upToRevision: number | null;
  relationships: readonly Relationship[];
}

/**
 * How an actor may read a child's record now. The record is folded entry by entry: each entry is judged on
 * the record as it stood once it was recorded (on its recorded date), so a relationship that held then and
 * no longer does opens the record up to its last entry. Null: the actor has no relationship, and the
 * record must look as if it did not exist.
 */
export function readAccess(events: readonly PositionedChildEvent[], actor: Actor, now: Date): ReadAccess | null {
  const revisionOf = new Map(events.map((e) => [e.eventId, e.streamRevision]));
  let record = initialChildRecord();
  let formerlyUpTo: number | null = null;
  let formerReads: Relationship[] = [];
  for (const event of applyCorrections(events)) {
    const before = record;
    record = evolve(record, event);
    const on = englandDateOf(event.recordedAt);
    const then = standingRelationships(record, actor, on);
    if (then.length > 0 || answersTheirHandover(before, event, actor, on) || endsTheirOwnDuty(before, event, actor, on)) {
      formerlyUpTo = Math.max(formerlyUpTo ?? -1, revisionOf.get(event.eventId) ?? -1);
      if (then.length > 0) formerReads = then;
    }
  }
  const current = currentAccess(record, actor, now);
  if (current) return current;
  if (formerlyUpTo === null) return null;
  return { reads: new Set(formerReads.flatMap((r) => r.reads)), upToRevision: formerlyUpTo, relationships: formerReads };
}

/**
 * The receiving setting's signature is the answer to the handover the sending setting issued: the sending school
 * reads it (who signed, which promises were disputed and why), though the child left its roll with that very entry.
 */
function answersTheirHandover(before: ChildRecord, event: ChildEvent, actor: Actor, on: string): boolean {
  if (event.type !== 'HandoverAccepted') return false;
  const issued = before.handovers[event.data.handoverId]?.issued;
  return issued?.actor.organisation === actor.organisation && standingRelationships(before, actor, on).some((r) => r.kind === 'setting');
}

/**
 * A school the child left stands as its sending setting only until it has sent the transfer files: the entry that
 * records the last of them is its own, and it reads it, though its standing ends with that very entry.
 */
function endsTheirOwnDuty(before: ChildRecord, event: ChildEvent, actor: Actor, on: string): boolean {
  if (event.type !== 'CommonTransferFileSent' && event.type !== 'SendFileTransferred') return false;
  return event.actor.organisation === actor.organisation && standingRelationships(before, actor, on).some((r) => r.kind === 'sending_setting');
}

/**
 * How an actor may read a child's record through a relationship they have now (the whole record), or null. A
 * list answers about current relationships only, so it judges a child from its access facts alone; a former
 * relationship's window needs the record entry by entry (readAccess).
 */
export function currentAccess(facts: AccessFacts, actor: Actor, now: Date): ReadAccess | null {
  const current = currentRelationships(facts, actor, now);
  return current.length > 0 ? { reads: new Set(current.flatMap((r) => r.reads)), upToRevision: null, relationships: current } : null;
}

export const mayRead = (access: ReadAccess | null, kind: ReadKind): access is ReadAccess => access !== null && access.reads.has(kind);
