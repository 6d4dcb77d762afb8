import { recordDecision, DECISIONS } from '../../application/record-decision.js';
import { requireActor, type RequestContext } from './context.js';
import { ledgerEntryView } from './ledger-entry-view.js';

export { EntryOptionsSchema } from '../../application/record-decision.js';

type Input = Record<string, unknown>;

/** GraphQL sends null for a field left empty; the domain's schemas mean "absent" by leaving it out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** One mutation per decision the application records, each named as the decision is. */
function resolverFor(name: string) {
  return async (_root: unknown, args: { childId?: string; input: Input; options?: Input | null }, context: RequestContext) => {
    const recorded = await recordDecision(context.services, requireActor(context), name, {
      childId: args.childId,
      input: withoutNulls(args.input) as Input,
      options: withoutNulls(args.options ?? {}) as Input,
      correlationId: context.correlationId,
      causationId: context.requestId,
    });
    return { ...recorded, entries: recorded.entries.map(ledgerEntryView) };
  };
}

export const mutationResolvers = Object.fromEntries(Object.keys(DECISIONS).map((name) => [name, resolverFor(name)]));
