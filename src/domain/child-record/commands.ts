import type { Actor } from '../../ledger/envelope.js';
import type { ChildEventType, ChildEventData } from './events.js';

/**
 * A command asks to record one decision or fact in a child's record. The id fields it needs
 * (planId, provisionId...) are generated before the decider sees it, so the decider stays pure.
 */
export type ChildCommand = {
  [T in ChildEventType]: { record: T; data: ChildEventData<T>; actor: Actor; occurredAt: string };
}[ChildEventType];

export type CommandOf<T extends ChildEventType> = Extract<ChildCommand, { record: T }>;
