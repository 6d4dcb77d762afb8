import { buildSen2Return } from '../domain/returns/sen2/build-return.js';
import { collectionPeriodOf, type CollectionPeriod } from '../domain/returns/sen2/census-date.js';
import type { ChildAsAtCensus } from '../domain/returns/sen2/person-of.js';
import type { Sen2Return } from '../domain/returns/sen2/return-model.js';
import { sen2TotalsOf, type Sen2Totals } from '../domain/returns/sen2/totals.js';
import { NOT_HELD, SEN2_RULES, type Sen2Module } from '../domain/returns/sen2/validation-rules.js';
import { childOnDay } from '../domain/returns/record-on-day.js';
import { sen2Xml } from '../returns/sen2/sen2-xml.js';
import { validateSen2, type Sen2Validation } from '../returns/sen2/validate-sen2.js';
import { childrenVisibleTo, noteRead, type ChildRecordsDependencies, type Reader } from './child-records.js';
import { recordAtRevision } from './record-at-revision.js';
import { childEventsOf } from './record-views.js';

/** A rule of the guide as the answer lists it: whether the ledger checks it, and why not where it does not. */
export interface Sen2RuleListed {
  id: string;
  module: Sen2Module;
  message: string;
  checked: boolean;
  why: string | null;
}

export interface Sen2ReturnOf {
  laCode: string;
  period: CollectionPeriod;
  sen2: Sen2Return;
  /** The file, in the project's schema's element names (the specification's). */
  xml: string;
  /** Whether it passes the schema and the rules the ledger checks; a return that fails says why, item by item. */
  validation: Sen2Validation;
  rules: Sen2RuleListed[];
  notHeld: typeof NOT_HELD;
  totals: Sen2Totals;
}

const WHAT = 'sen2Return';

export const SEN2_RULES_LISTED: Sen2RuleListed[] = SEN2_RULES.map((rule) => ({
  id: rule.id,
  module: rule.module,
  message: rule.message,
  checked: rule.checked,
  why: rule.checked ? null : rule.why,
}));

/**
 * The SEN2 person-level return of an LA for a return year, for an officer of that LA only (anyone else: null, read
 * as not found, as the LA's other accountability reads). Each child of the LA the officer may read is read as the
 * record stood on the census date (entries dated later are not in it), its clocks worked out as of that date; the
 * children the return includes are noted in the access log as read, as a person-level export must. The file is
 * checked before it is handed out: a return that fails is given with its failures, never as valid.
 */
export async function sen2ReturnOf(deps: ChildRecordsDependencies, reader: Reader, laCode: string, returnYear: number): Promise<Sen2ReturnOf | null> {
  const { actor } = reader;
  if (actor.role !== 'la_officer' || actor.organisation !== laCode) return null;
  const period = collectionPeriodOf(returnYear);
  const visible = await childrenVisibleTo(deps, reader, { laCode }, 'record');
  const children: ChildAsAtCensus[] = [];
  for (const child of visible) {
    const entries = await recordAtRevision(deps.store, child.childId, child.revision);
    const atCensus = childOnDay(child.childId, childEventsOf(entries), period.referenceDate);
    if (atCensus.record.registered) children.push(atCensus);
  }
  const sen2 = buildSen2Return(laCode, returnYear, children);
  const included = new Set(sen2.persons.map((person) => person.childId));
  for (const child of visible) if (included.has(child.childId)) noteRead(reader, child, WHAT);
  const xml = sen2Xml(sen2, { softwareCode: 'SEND Ledger', release: 'sen2-person-level-2026-project-1', serialNo: 1, madeAt: deps.clock().toISOString() });
  return { laCode, period, sen2, xml, validation: await validateSen2(sen2, xml), rules: SEN2_RULES_LISTED, notHeld: NOT_HELD, totals: sen2TotalsOf(sen2) };
}
