import { laCode as laCodeSchema } from '../domain/child-record/vocabulary.js';
import { RuleViolation } from '../domain/errors.js';
import { foldLocalOffer, toLocalOfferEvent } from '../domain/local-offer/decider.js';
import { isLocalOfferEventType, localOfferStreamId } from '../domain/local-offer/events.js';
import type { LocalOffer } from '../domain/local-offer/state.js';
import { orukFromService } from '../local-offer-directory/oruk-from-service.js';
import type { OrukServiceOut } from '../local-offer-directory/oruk-service.js';
import type { LedgerDependencies } from './append-decision.js';

/** An LA's Local Offer as its entries say it is now, folded by the decider's own fold. */
export async function currentLocalOffer(deps: Pick<LedgerDependencies, 'store'>, laCode: string): Promise<LocalOffer> {
  if (!laCodeSchema().safeParse(laCode).success) {
    throw new RuleViolation('invalid-la-code', 'laCode must be a three-digit DfE local authority code, e.g. "202"', 'laCode');
  }
  const entries = await deps.store.readStream(localOfferStreamId(laCode));
  return foldLocalOffer(entries.filter((entry) => isLocalOfferEventType(entry.type)).map(toLocalOfferEvent));
}

/**
 * The services an LA's Local Offer lists now, as an Open Referral UK 3.0 directory export (a JSON array
 * of services, ordered by id so the same offer always gives the same bytes). Withdrawn services are left
 * out: the Local Offer publishes what the LA expects to be available (CFA 2014 s.30(1)); the ledger keeps
 * each withdrawal in its history. The Local Offer is published information about services, holding no
 * child's data, so no read is noted in the access log.
 */
export async function localOfferDirectoryOf(deps: Pick<LedgerDependencies, 'store'>, laCode: string): Promise<OrukServiceOut[]> {
  const offer = await currentLocalOffer(deps, laCode);
  return Object.values(offer.services)
    .filter((service) => service.status === 'listed')
    .map((service) => orukFromService(laCode, service))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
