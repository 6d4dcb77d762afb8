import { collectionPeriodOf } from './census-date.js';
import { personOf, type ChildAsAtCensus } from './person-of.js';
import type { Sen2Return } from './return-model.js';

/**
 * The SEN2 person-level return of an LA for a return year (census in January of `returnYear`, covering the calendar
 * year before), from its children's records and clocks as they stood on the census date. Persons in child id order,
 * so the same ledger gives the same return.
 */
export function buildSen2Return(laCode: string, returnYear: number, children: readonly ChildAsAtCensus[]): Sen2Return {
  const period = collectionPeriodOf(returnYear);
  const persons = [...children]
    .sort((a, b) => a.childId.localeCompare(b.childId))
    .flatMap((child) => personOf(child, period) ?? []);
  return { laCode, period, persons };
}
