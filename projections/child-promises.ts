import type { IsoDate } from '../src/domain/calendar/iso-date.js';
import { documentOverlay } from '../src/read-models/document-overlay.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { PLACEMENTS, PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, promiseRegister, type ChildPlacements, type PlanCessations, type ProvisionHistory } from './promise-register.js';
import { viewPromise, type PromiseView } from './promise-view.js';

/**
 * One child's promises as they stood on a day, computed from its own stream alone by the same fold as the
 * stored register, so a pack cut at a revision can be rebuilt from the ledger and its hash checked.
 */
export function childPromises(entries: readonly LedgerEntry[], on: IsoDate): PromiseView[] {
  const { writer, pending } = documentOverlay(() => ({ value: undefined, tags: [] }));
  for (const entry of entries) promiseRegister.apply(entry, writer);
  const docs = pending();
  const cessations = new Map(docs.filter((d) => d.collection === PLAN_CESSATIONS).map((d) => [d.key, (d.value as PlanCessations).events]));
  const planTypes = new Map(docs.filter((d) => d.collection === PLAN_TYPES).map((d) => [d.key, (d.value as { planType: string }).planType]));
  const placements = (docs.find((d) => d.collection === PLACEMENTS)?.value as ChildPlacements | undefined)?.events ?? [];
  // Noon UTC is the same day in England in summer and winter.
  const midday = new Date(`${on}T12:00:00Z`);
  return docs
    .filter((d) => d.collection === PROVISIONS)
    .map((d) => d.value as ProvisionHistory)
    .map((history) => {
      const planId = (history.events.find((e) => e.type === 'ProvisionPromised')?.data as { planId?: string } | undefined)?.planId;
      return viewPromise(history, planId ? (cessations.get(planId) ?? []) : [], null, midday, planId ? planTypes.get(planId) : undefined, placements);
    })
    .filter((view): view is PromiseView => view !== null)
    .sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
}
