import { uuidFromName } from '../ledger/deterministic-id.js';
import type { ListedService } from '../domain/local-offer/state.js';
import type { OrukAttributeOut, OrukServiceOut } from './oruk-service.js';
import { AREA_OF_NEED_TERMS, CATEGORY_TERMS, SEND_LEDGER_TAXONOMY, TERM_GROUPS, type TaxonomyTerm } from './send-ledger-taxonomy.js';

/** The id the directory knows the service by: its own, kept exactly, or the ledger's where they are the same. */
export const directoryIdOf = (service: ListedService): string => service.directoryId ?? service.serviceId;

/**
 * One listed service as an ORUK 3.0 service. Only what the ledger holds is written (see oruk-service.ts
 * for what is not carried). The ids ORUK requires of records the ledger has no id for (the provider's
 * organisation, the service area, each attribute) are derived from what they stand for, so the same
 * Local Offer always exports the same ids and a directory can match them from one export to the next.
 */
export function orukFromService(laCode: string, service: ListedService): OrukServiceOut {
  const id = directoryIdOf(service);
  const { terms } = service;
  const organizationId = uuidFromName('send-ledger', 'oruk-organization', laCode, terms.provider);
  const attribute = (term: TaxonomyTerm): OrukAttributeOut => ({
    id: uuidFromName('send-ledger', 'oruk-attribute', laCode, id, term.id),
    link_id: id,
    link_type: term.group,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: {
      id: term.id,
      code: term.code,
      name: term.name,
      term: term.name,
      description: term.description,
      parent_id: TERM_GROUPS[term.group].id,
      taxonomy: SEND_LEDGER_TAXONOMY.name,
      taxonomy_id: SEND_LEDGER_TAXONOMY.id,
    },
  });
  return {
    id,
    name: terms.name,
    description: terms.description,
    status: 'active',
    eligibility_description: terms.eligibility,
    minimum_age: terms.ageRange.from,
    maximum_age: terms.ageRange.to,
    organization_id: organizationId,
    organization: { id: organizationId, name: terms.provider, description: `Provides services listed in the Local Offer of local authority ${laCode}` },
    service_areas: [{
      id: uuidFromName('send-ledger', 'oruk-service-area', laCode, id),
      service_id: id,
      name: `Local authority ${laCode}`,
      description: `The area of local authority ${laCode} (DfE code), whose Local Offer lists this service`,
    }],
    attributes: [...terms.areasOfNeed.map((area) => attribute(AREA_OF_NEED_TERMS[area])), attribute(CATEGORY_TERMS[terms.category])],
  };
}
