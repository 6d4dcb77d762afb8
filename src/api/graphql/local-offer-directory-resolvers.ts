import { importLocalOfferDirectory } from '../../application/import-local-offer-directory.js';
import { localOfferDirectoryOf } from '../../application/local-offer-directory-of.js';
import { requireActor, type RequestContext } from './context.js';

/**
 * The Local Offer as an Open Referral UK directory. The export is the published Local Offer (CFA 2014
 * s.30: the LA publishes it), holding no child's data, so anyone signed in may have it; an import
 * changes the Local Offer, so only that LA's officers may run one, a dry run included.
 */
export const localOfferDirectoryQueryResolvers = {
  async localOfferDirectory(_root: unknown, args: { laCode: string }, context: RequestContext) {
    requireActor(context);
    return localOfferDirectoryOf(context.services, args.laCode);
  },
};

export const localOfferDirectoryMutationResolvers = {
  async importLocalOfferDirectory(_root: unknown, args: { laCode: string; directory: string; dryRun?: boolean | null }, context: RequestContext) {
    const actor = requireActor(context);
    return importLocalOfferDirectory(context.services, actor, {
      laCode: args.laCode,
      directory: args.directory,
      dryRun: args.dryRun ?? false,
      source: 'a directory export sent to the API',
      options: { correlationId: context.correlationId, causationId: context.requestId },
    });
  },
};
