import { toChildEvent } from '../domain/child-record/decider.js';
import type { StatutoryClock } from '../domain/statutory-clocks/clock.js';
import { computeClocks } from '../domain/statutory-clocks/compute-clocks.js';
import type { ChildRecordsDependencies, Reader } from './child-records.js';
import { childrenInScope, type ChildScope } from './children-in-scope.js';

/**
 * Every statutory clock of every child in scope that the reader may read, as of a date. `what` names the read in
 * the access log; an aggregate passes null.
 */
export async function deadlinesInScope(deps: ChildRecordsDependencies, reader: Reader, scope: ChildScope, asOf: string, what: string | null): Promise<Array<StatutoryClock & { childId: string }>> {
  const clocks: Array<StatutoryClock & { childId: string }> = [];
  for (const { childId, entries } of await childrenInScope(deps, reader, scope, what)) {
    for (const clock of computeClocks(entries.map(toChildEvent), asOf)) clocks.push({ ...clock, childId });
  }
  return clocks;
}
