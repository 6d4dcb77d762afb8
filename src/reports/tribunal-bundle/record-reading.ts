import { toChildEvent, foldChildRecord } from '../../domain/child-record/decider.js';
import type { ChildRecord } from '../../domain/child-record/state.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { computeClocks } from '../../domain/statutory-clocks/compute-clocks.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import { entryContext, entryInWords, recordedEntryOf, type EntryContext, type EntryInWords } from '../../web/presenters/entry-in-words.js';
import { editionOf, type BundleEdition } from './bundle-editions.js';
import { settingNames } from './people-and-places.js';
import type { TribunalBundleInput } from './tribunal-bundle-input.js';
import { englandDay } from '../../domain/calendar/uk-dates.js';

/**
 * The record read once for every section: the record as folded, its clocks, and each entry in words, all as of
 * the day the bundle was compiled (never "today": the verifier draws the same bundle years later).
 */
export interface RecordReading {
  input: TribunalBundleInput;
  /** The day in England the bundle was compiled: what every "as of" is judged on. */
  compiledOn: string;
  /** Which renderer's rules draw it: the one the manifest names, so an earlier bundle is drawn as it was. */
  edition: BundleEdition;
  record: ChildRecord;
  clocks: StatutoryClock[];
  settings: Map<string, string>;
  byEventId: Map<string, LedgerEntry>;
  inWords: (entry: LedgerEntry) => EntryInWords;
}


export function readRecord(input: TribunalBundleInput): RecordReading {
  const compiledOn = englandDay(input.manifest.compiledAt);
  const events = input.entries.map(toChildEvent);
  const context: EntryContext = entryContext(input.entries.map(recordedEntryOf));
  return {
    input,
    compiledOn,
    edition: editionOf(input.manifest.renderer),
    record: foldChildRecord(events),
    clocks: computeClocks(events, compiledOn),
    settings: settingNames(input.entries),
    byEventId: new Map(input.entries.map((e) => [e.eventId, e])),
    inWords: (entry) => entryInWords(recordedEntryOf(entry), context),
  };
}
