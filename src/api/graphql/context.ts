import type { KeyedQueue } from '../../application/keyed-queue.js';
import type { Config } from '../../config/config.js';
import type { SigningKey } from '../../integrity/signing-key.js';
import type { ChildKeyStore } from '../../privacy/child-key-store.js';
import type { Actor } from '../../ledger/envelope.js';
import type { RunningProjection } from '../../read-models/projector.js';
import type { EventStore } from '../../store/port.js';
import { Unauthenticated } from './errors.js';

/** What the resolvers work with: the ledger's store and read models, never a database handle. */
export interface LedgerServices {
  config: Config;
  store: EventStore;
  clock: () => Date;
  promises: RunningProjection;
  directory: RunningProjection;
  localOffer: RunningProjection;
  writeQueue: KeyedQueue;
  signingKey: SigningKey;
  /** Per-child data keys: erasure destroys one. */
  keys: ChildKeyStore;
}

export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  correlationId: string;
  services: LedgerServices;
}

declare module 'mercurius' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MercuriusContext extends RequestContext {}
}

export function requireActor(context: RequestContext): Actor {
  if (!context.actor) throw new Unauthenticated();
  return context.actor;
}
