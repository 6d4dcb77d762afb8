import { z } from 'zod';
import { consistencyProofBetween, inclusionProofFor } from '../../integrity/proofs.js';
import { latestTreeHead, publishTreeHead } from '../../integrity/tree-heads.js';
import { requireActor, type RequestContext } from './context.js';

export const integrityQueryResolvers = {
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
    return publishTreeHead(context.services.store, context.services.signingKey, context.services.clock, actor);
  },
};
