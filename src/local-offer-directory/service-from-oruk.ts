import { z } from 'zod';
import { serviceTerms, type ServiceTerms } from '../domain/local-offer/events.js';
import type { OrukServiceIn } from './oruk-service.js';
import { sendLedgerTerm } from './send-ledger-taxonomy.js';

/** What one directory service says, in the Local Offer's words, or why it cannot be said. */
export type ReadService =
  | { ok: true; terms: ServiceTerms }
  | { ok: false; field: string; message: string };

/** Where each of the Local Offer's terms comes from in an ORUK service, so a refusal names the directory's field. */
const ORUK_FIELD: Record<string, string> = {
  name: 'name',
  provider: 'organization.name',
  description: 'description',
  eligibility: 'eligibility_description',
  'ageRange.from': 'minimum_age',
  'ageRange.to': 'maximum_age',
  ageRange: 'minimum_age',
  areasOfNeed: 'attributes',
  category: 'attributes',
};

/**
 * Reads an ORUK service as Local Offer terms, by the same schema the Local Offer's entries are held to,
 * so nothing is changed to fit: a missing or impossible value is refused, naming the directory's field.
 */
export function serviceFromOruk(service: OrukServiceIn): ReadService {
  const tagged = (service.attributes ?? []).map((attribute) => sendLedgerTerm(attribute.taxonomy_term, attribute.taxonomy_term_id));
  const areas = [...new Set(tagged.filter((term) => term?.group === 'area_of_need').map((term) => term!.code))];
  const categories = [...new Set(tagged.filter((term) => term?.group === 'local_offer_category').map((term) => term!.code))];
  if (areas.length === 0) {
    return { ok: false, field: 'attributes', message: 'must tag the service with at least one area of need from the SEND Ledger taxonomy' };
  }
  if (categories.length !== 1) {
    return {
      ok: false, field: 'attributes',
      message: categories.length === 0
        ? 'must tag the service with its Local Offer category from the SEND Ledger taxonomy'
        : `must tag the service with one Local Offer category, not ${categories.length} (${categories.join(', ')})`,
    };
  }
  const candidate = {
    name: service.name,
    provider: service.organization?.name,
    description: service.description,
    eligibility: service.eligibility_description ?? undefined,
    ageRange: { from: service.minimum_age ?? undefined, to: service.maximum_age ?? undefined },
    areasOfNeed: areas,
    category: categories[0],
  };
  const parsed = serviceTerms.safeParse(candidate);
  if (parsed.success) return { ok: true, terms: parsed.data };
  return refusal(parsed.error);
}

function refusal(error: z.ZodError): ReadService {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const field = ORUK_FIELD[path.join('.')] ?? ORUK_FIELD[path[0] ?? ''] ?? path.join('.');
  return { ok: false, field, message: issue.message };
}
