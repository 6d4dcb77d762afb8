import { documentOverlay } from '../src/read-models/document-overlay.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { PLAN_CESSATIONS, PLAN_TYPES, PROVISIONS, promiseRegister, type PlanCessations, type ProvisionHistory } from './promise-register.js';
import { viewPromise, type PromiseView } from './promise-view.js';

/**
 * One child's promises computed from its own stream alone, by the same fold as the stored register,
 * so a pack cut at a revision can be rebuilt from the ledger and its hash checked.
 */
export function childPromises(entries: readonly LedgerEntry[], asOf: Date): PromiseView[] {
  const { writer, pending } = documentOverlay(() => ({ value: undefined, tags: [] }));
  for (const entry of entries) promiseRegister.apply(entry, writer);
  const docs = pending();
  const cessations = new Map(docs.filter((d) => d.collection === PLAN_CESSATIONS).map((d) => [d.key, (d.value as PlanCessations).events]));
  const planTypes = new Map(docs.filter((d) => d.collection === PLAN_TYPES).map((d) => [d.key, (d.value as { planType: string }).planType]));
  return docs
    .filter((d) => d.collection === PROVISIONS)
    .map((d) => d.value as ProvisionHistory)
    .map((history) => {
      const planId = (history.events.find((e) => e.type === 'ProvisionPromised')?.data as { planId?: string } | undefined)?.planId;
      return viewPromise(history, planId ? (cessations.get(planId) ?? []) : [], null, asOf, planId ? planTypes.get(planId) : undefined);
    })
    .filter((view): view is PromiseView => view !== null)
    .sort((a, b) => a.promisedAt.localeCompare(b.promisedAt) || a.provisionId.localeCompare(b.provisionId));
}
