import { evidenceDependencies } from '../../application/evidence-dependencies.js';
import { z } from 'zod';
import { consistencyProofBetween, inclusionProofFor } from '../../integrity/proofs.js';
import { latestTreeHead, publishTreeHead } from '../../integrity/tree-heads.js';
import { verifyLedger } from '../../integrity/verify-ledger.js';
import { requireActor, type RequestContext } from './context.js';

export const integrityQueryResolvers = {
  /** What npm run verify checks, with the service's own tree head key: the ledger and the read-access log. */
  async verifyLedger(_root: unknown, _args: unknown, context: RequestContext) {
    requireActor(context);
    const { store, signingKey, accessLog } = context.services;
    const ledger = await verifyLedger(store, { treeHeadKey: signingKey.publicKeyPem });
    const access = await accessLog.verify();
    return { ...ledger, ok: ledger.ok && access.intact, accessLog: access };
  },
  async treeHead(_root: unknown, _args: unknown, context: RequestContext) {
    requireActor(context);
    return latestTreeHead(context.services.store);
  },
  treeHeadPublicKey(_root: unknown, _args: unknown, context: RequestContext) {
    requireActor(context);
    return { keyId: context.services.signingKey.keyId, publicKeyPem: context.services.signingKey.publicKeyPem };
  },
  async inclusionProof(_root: unknown, args: { eventId: string; treeSize?: number | null }, context: RequestContext) {
    requireActor(context);
    if (!z.uuid().safeParse(args.eventId).success) return null;
    return inclusionProofFor(context.services.store, args.eventId, args.treeSize ?? undefined);
  },
  async consistencyProof(_root: unknown, args: { oldSize: number; newSize: number }, context: RequestContext) {
    requireActor(context);
    return consistencyProofBetween(context.services.store, args.oldSize, args.newSize);
  },
};

export const integrityMutationResolvers = {
  async publishTreeHead(_root: unknown, _args: unknown, context: RequestContext) {
    const actor = requireActor(context);
    const head = await publishTreeHead(context.services.store, context.services.signingKey, context.services.clock, actor);
    // The witnesses co-sign it before the answer, so a head handed out has its co-signatures kept beside it.
    await evidenceDependencies(context.services).askWitnesses?.(head);
    return head;
  },
};
