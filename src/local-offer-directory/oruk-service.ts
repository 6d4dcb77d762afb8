import { z } from 'zod';

/**
 * The part of an Open Referral UK service record the ledger reads and writes.
 *
 * Written from Open Referral UK 3.0 (the UK profile of HSDS 3.0), read from the public repositories:
 * OpenReferralUK/uk-profile `schema/service.json`, `schema/organization.json`, `schema/attribute.json`,
 * `schema/taxonomy_term.json`, `profile/service.json`, `docs/changelog.md`, and openreferral/specification
 * (HSDS 3.0) `schema/service.json` and `schema/taxonomy_term.json`. It is the project's own reading,
 * not an official artefact: no JSON Schema was loaded at run time, and no ORUK validator was run.
 *
 * Where the two disagree the ledger follows HSDS 3.0 and says so:
 * - `eligibility_description` is an HSDS 3.0 core field; the UK profile's `profile/service.json` nulls
 *   it while its changelog lists it as added. The Local Offer must say who a service is for (SEND Regs
 *   2014 Sched. 2), so the ledger writes it and needs it on import.
 * - a taxonomy term is `name` in HSDS 3.0 and `term` in the UK profile: the export writes both.
 * - ages are `minimum_age` / `maximum_age` on the service itself (HSDS 3.0 moved them there from the
 *   ORUK 1.0 `eligibilitys` collection, which 3.0 removed).
 *
 * Not carried (the ledger does not hold them): `url` (required by one revision of the UK profile's
 * `profile/service.json`: a service exported from the ledger has none, so such a feed is not fully
 * UK-profile compliant until the directory adds it), `email`, `contacts`, `phones`, `schedules`,
 * `service_at_locations`, `languages`, `cost_options`, `funding`, `assured_date`, `last_modified`,
 * `alert`, `accreditations`, `metadata`, organization details beyond `id` and `name`, and attributes from
 * any taxonomy other than the SEND Ledger one. An import ignores them; an export leaves them out.
 */

export const ORUK_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

const name = z.string({ error: 'must be text' });
const optionalText = z.string({ error: 'must be text' }).optional();

const orukTaxonomyTerm = z.looseObject({
  id: optionalText,
  code: optionalText,
  name: optionalText,
  term: optionalText,
  description: optionalText,
  parent_id: z.string({ error: 'must be text' }).nullish(),
  taxonomy: optionalText,
  taxonomy_id: z.string({ error: 'must be text' }).nullish(),
});

const orukAttribute = z.looseObject({
  id: optionalText,
  link_id: optionalText,
  link_type: optionalText,
  taxonomy_term_id: optionalText,
  taxonomy_term: orukTaxonomyTerm.optional(),
});

/** A service as an import reads it: what the ledger needs, with anything else the directory sends let through and ignored. */
export const orukServiceIn = z.looseObject({
  id: z.string({ error: 'must be the service\'s identifier, as text' }).min(1, 'must not be empty'),
  name: name.optional(),
  description: optionalText,
  status: z.enum(ORUK_SERVICE_STATUSES, { error: `must be one of ${ORUK_SERVICE_STATUSES.join(', ')}` }),
  eligibility_description: z.string({ error: 'must be text' }).nullish(),
  minimum_age: z.number({ error: 'must be a number' }).nullish(),
  maximum_age: z.number({ error: 'must be a number' }).nullish(),
  organization_id: z.string({ error: 'must be text' }).nullish(),
  organization: z.looseObject({ id: optionalText, name: name.optional() }).nullish(),
  attributes: z.array(orukAttribute, { error: 'must be a list of attributes' }).nullish(),
});
export type OrukServiceIn = z.output<typeof orukServiceIn>;

/** A directory export: a JSON array of services, or a page of the `/services` endpoint (`{ contents: [...] }`). */
export const orukDirectoryIn = z.union([
  z.array(z.unknown()),
  z.looseObject({ contents: z.array(z.unknown()) }),
], { error: 'must be a JSON array of services, or an object with a "contents" array of services (a page of /services)' });

export interface OrukTaxonomyTermOut {
  id: string;
  code: string;
  name: string;
  term: string;
  description: string;
  parent_id: string | null;
  taxonomy: string;
  taxonomy_id: string;
}

export interface OrukAttributeOut {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: OrukTaxonomyTermOut;
}

/** A service as the ledger exports it. */
export interface OrukServiceOut {
  id: string;
  name: string;
  description: string;
  status: 'active';
  eligibility_description: string;
  minimum_age: number;
  maximum_age: number;
  organization_id: string;
  organization: { id: string; name: string; description: string };
  service_areas: Array<{ id: string; service_id: string; name: string; description: string }>;
  attributes: OrukAttributeOut[];
}
