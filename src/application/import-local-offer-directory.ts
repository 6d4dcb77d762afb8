import { z } from 'zod';
import { RuleViolation } from '../domain/errors.js';
import type { LocalOfferCommand } from '../domain/local-offer/commands.js';
import { localOfferDecider } from '../domain/local-offer/decider.js';
import { LOCAL_OFFER_EVENT_SCHEMAS, type LocalOfferEvent, type ServiceTerms } from '../domain/local-offer/events.js';
import { requireOwnLocalAuthority } from '../domain/local-offer/rules/guards.js';
import type { ListedService, LocalOffer } from '../domain/local-offer/state.js';
import type { Actor } from '../ledger/envelope.js';
import { uuidFromName } from '../ledger/deterministic-id.js';
import { directoryIdOf } from '../local-offer-directory/oruk-from-service.js';
import { orukDirectoryIn, orukServiceIn } from '../local-offer-directory/oruk-service.js';
import { serviceFromOruk } from '../local-offer-directory/service-from-oruk.js';
import type { EntryOptions, LedgerDependencies } from './append-decision.js';
import { BadInput } from './bad-input.js';
import { currentLocalOffer } from './local-offer-directory-of.js';
import { recordLocalOfferEntry } from './record-local-offer-entry.js';

/** A directory service the import recognised, by its index in the export and the ids on both sides. */
export interface ImportedService {
  index: number;
  directoryId: string;
  serviceId: string;
  name: string;
}

export interface DirectoryImport {
  laCode: string;
  dryRun: boolean;
  /** How many services the export held. */
  received: number;
  listed: ImportedService[];
  /** With the Local Offer terms the directory changed. */
  updated: Array<ImportedService & { changed: Array<keyof ServiceTerms> }>;
  unchanged: ImportedService[];
  /** Services the directory marks inactive, defunct or temporarily closed: not listed, not changed. */
  notActive: Array<{ index: number; directoryId: string; name: string | null; status: string }>;
  /** Services the Local Offer lists that the directory does not list as active: reported, never withdrawn by the import. */
  missing: Array<{ serviceId: string; directoryId: string; name: string }>;
  /** `field` names the directory's field, e.g. `services[3].name`. */
  refused: Array<{ index: number; directoryId: string | null; name: string | null; field: string; message: string }>;
}

export interface DirectoryImportRequest {
  laCode: string;
  /** The export as sent: JSON text. */
  directory: string;
  dryRun: boolean;
  /** What the LA officer imported (a file name, or "API"), named in each update's reason. */
  source: string;
  options: Pick<EntryOptions, 'correlationId' | 'causationId'>;
}

const MAX_BYTES = 20 * 1024 * 1024;
const TERM_KEYS = Object.keys(LOCAL_OFFER_EVENT_SCHEMAS.LocalOfferServiceListed.shape).filter(
  (key) => key !== 'serviceId' && key !== 'directoryId',
) as Array<keyof ServiceTerms>;

/**
 * Brings an LA's Open Referral UK directory export into its Local Offer through the one write path:
 * a service the Local Offer does not list is listed, a changed one updated, an unchanged one left alone.
 * The Local Offer keeps the directory's identifier (as the serviceId where it is a UUID, otherwise as
 * directoryId), so promises and checks name the services the directory already lists. Nothing is
 * withdrawn because the directory no longer lists it: that is a decision for the LA, so it is reported.
 * Each service stands alone: one refused service is reported with its index and field, and the rest go in.
 * A dry run judges every service by the same schema and decider, and records nothing.
 */
export async function importLocalOfferDirectory(deps: LedgerDependencies, actor: Actor, request: DirectoryImportRequest): Promise<DirectoryImport> {
  const { laCode, dryRun } = request;
  // Judged before the file is read: someone who may not change this Local Offer learns nothing from the answer.
  requireOwnLocalAuthority({ actor, laCode } as LocalOfferCommand, 'import a service directory into the Local Offer');
  const services = servicesIn(request.directory);
  let offer = await currentLocalOffer(deps, laCode);
  const report: DirectoryImport = { laCode, dryRun, received: services.length, listed: [], updated: [], unchanged: [], notActive: [], missing: [], refused: [] };
  const seen = new Map<string, number>();
  const activeIds = new Set<string>();
  const now = deps.clock().toISOString();

  for (const [index, raw] of services.entries()) {
    const at = (field: string) => `services[${index}]${field ? `.${field}` : ''}`;
    const parsed = orukServiceIn.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const { id, name } = (typeof raw === 'object' && raw !== null ? raw : {}) as { id?: unknown; name?: unknown };
      const directoryId = typeof id === 'string' ? id : null;
      report.refused.push({ index, directoryId, name: typeof name === 'string' ? name : null, field: at(issue.path.map(String).join('.')), message: issue.message });
      continue;
    }
    const service = parsed.data;
    const first = seen.get(service.id);
    if (first !== undefined) {
      report.refused.push({ index, directoryId: service.id, name: service.name ?? null, field: at('id'), message: `appears twice in the directory (also services[${first}]): one directory entry is one service` });
      continue;
    }
    seen.set(service.id, index);
    if (service.status !== 'active') {
      report.notActive.push({ index, directoryId: service.id, name: service.name ?? null, status: service.status });
      continue;
    }
    activeIds.add(service.id);
    const read = serviceFromOruk(service);
    if (!read.ok) {
      report.refused.push({ index, directoryId: service.id, name: service.name ?? null, field: at(read.field), message: read.message });
      continue;
    }
    const existing = listedUnder(offer, service.id);
    const usable = z.uuid().safeParse(service.id).success;
    const serviceId = existing?.serviceId ?? (usable ? service.id : uuidFromName('send-ledger', 'oruk-service', laCode, service.id));
    const seenAs: ImportedService = { index, directoryId: service.id, serviceId, name: read.terms.name };
    const command: LocalOfferCommand = existing
      ? { record: 'LocalOfferServiceUpdated', laCode, actor, occurredAt: now, data: { serviceId, changes: changedTerms(existing, read.terms), reason: `Updated from the local authority's Open Referral UK directory (import of ${request.source})` } }
      : { record: 'LocalOfferServiceListed', laCode, actor, occurredAt: now, data: { serviceId, ...(usable ? {} : { directoryId: service.id }), ...read.terms } };
    if (command.record === 'LocalOfferServiceUpdated' && Object.keys(command.data.changes).length === 0 && existing?.status === 'listed') {
      report.unchanged.push(seenAs);
      continue;
    }
    try {
      // The decider judges first, in a dry run and a real one alike; a real run then records through the write path, which judges again.
      const decided = localOfferDecider.decide(command, offer);
      if (!dryRun) await recordLocalOfferEntry(deps, laCode, actor, command.record, command.data as never, request.options);
      offer = decided.reduce(
        (state, event) => localOfferDecider.evolve(state, { ...event, eventId: `import-${index}`, occurredAt: now, recordedAt: now, actor } as LocalOfferEvent),
        offer,
      );
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      report.refused.push({ index, directoryId: service.id, name: service.name ?? null, field: at(directoryFieldOf(error.field)), message: error.message });
      continue;
    }
    if (command.record === 'LocalOfferServiceUpdated') report.updated.push({ ...seenAs, changed: Object.keys(command.data.changes) as Array<keyof ServiceTerms> });
    else report.listed.push(seenAs);
  }

  report.missing = Object.values(offer.services)
    .filter((service) => service.status === 'listed' && !activeIds.has(directoryIdOf(service)))
    .map((service) => ({ serviceId: service.serviceId, directoryId: directoryIdOf(service), name: service.terms.name }));
  return report;
}

/** The export's services, or BAD_INPUT naming `directory` when it is not a directory export at all. */
function servicesIn(text: string): unknown[] {
  if (text.length > MAX_BYTES) throw new BadInput('directory: is larger than 20 MB', 'directory', [{ field: 'directory', message: 'is larger than 20 MB' }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadInput('directory: is not JSON', 'directory', [{ field: 'directory', message: 'is not JSON' }]);
  }
  const parsed = orukDirectoryIn.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is not a directory export';
    throw new BadInput(`directory: ${message}`, 'directory', [{ field: 'directory', message }]);
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.contents;
}

/** The service the Local Offer lists under a directory id: its serviceId if that is the id, or its kept directoryId. */
function listedUnder(offer: LocalOffer, directoryId: string): ListedService | undefined {
  return offer.services[directoryId] ?? Object.values(offer.services).find((service) => service.directoryId === directoryId);
}

/** The terms the directory changed; areas of need compared as a set, since their order means nothing. */
function changedTerms(service: ListedService, terms: ServiceTerms): Partial<ServiceTerms> {
  const same = (key: keyof ServiceTerms) =>
    key === 'areasOfNeed'
      ? JSON.stringify([...service.terms.areasOfNeed].sort()) === JSON.stringify([...terms.areasOfNeed].sort())
      : JSON.stringify(service.terms[key]) === JSON.stringify(terms[key]);
  return Object.fromEntries(TERM_KEYS.filter((key) => !same(key)).map((key) => [key, terms[key]])) as Partial<ServiceTerms>;
}

/** A decider's field, in the directory's words. */
function directoryFieldOf(field: string | undefined): string {
  if (field === 'serviceId' || field === 'directoryId' || field === undefined) return 'id';
  return ({ name: 'name', provider: 'organization.name', description: 'description', eligibility: 'eligibility_description' } as Record<string, string>)[field] ?? field;
}

