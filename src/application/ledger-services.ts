import type { AccessLog } from '../access-log/port.js';
import type { Config } from '../config/config.js';
import type { SigningKey } from '../integrity/signing-key.js';
import type { ChildKeyStore } from '../privacy/child-key-store.js';
import type { RunningProjection } from '../read-models/projector.js';
import type { EventStore } from '../store/port.js';
import type { StreamRevisions } from '../store/stream-revisions.js';
import type { AccessCache } from './access-cache.js';
import type { ChildClockCache } from './child-clock-cache.js';
import type { ChildSummaries } from './child-summaries.js';
import type { KeyedQueue } from './keyed-queue.js';

/** What the API's resolvers and the web's pages work with: the ledger's store and read models, never a database handle. */
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
  clockCache: ChildClockCache;
  summaries: ChildSummaries;
  streamRevisions: StreamRevisions;
  writeQueue: KeyedQueue;
  signingKey: SigningKey;
  /** Per-child data keys: erasure destroys one. */
  keys: ChildKeyStore;
}

