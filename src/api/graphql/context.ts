import type { AccessRecorder } from '../../access-log/access-recorder.js';
import type { ChildRecordsDependencies, Reader } from '../../application/child-records.js';
import type { Actor } from '../../ledger/envelope.js';
import { Unauthenticated } from './errors.js';

export type { LedgerServices } from '../../application/ledger-services.js';
import type { LedgerServices } from '../../application/ledger-services.js';

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
