import type { AccessRecorder } from '../../access-log/access-recorder.js';
import type { AccessLog } from '../../access-log/port.js';
import type { AccessCache } from '../../application/access-cache.js';
import type { ChildRecordsDependencies, Reader } from '../../application/child-records.js';
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
  /** Which children each person or organisation may relate to (a superset; each is then judged on its record). */
  accessIndex: RunningProjection;
  localOffer: RunningProjection;
  /** Who read which child's record: written before each response that read one is sent. */
  accessLog: AccessLog;
  accessCache: AccessCache;
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
  /** The request's reads of children's records, for the access log (null when signed out). */
  reads: AccessRecorder | null;
}

declare module 'mercurius' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MercuriusContext extends RequestContext {}
}

export function requireActor(context: RequestContext): Actor {
  if (!context.actor) throw new Unauthenticated();
  return context.actor;
}

/** The signed-in reader, whose every read of a child's record is scoped and logged. */
export function requireReader(context: RequestContext): Reader {
  const actor = requireActor(context);
  if (!context.reads) throw new Unauthenticated();
  return { actor, reads: context.reads };
}

export const childRecordsOf = (context: RequestContext): ChildRecordsDependencies => context.services;
