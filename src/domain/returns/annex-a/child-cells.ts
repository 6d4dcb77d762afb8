import { englandDateOf, type IsoDate } from '../../calendar/iso-date.js';
import { wholeMonths } from '../../calendar/uk-dates.js';
import type { ChildRecord } from '../../child-record/state.js';
import { SEN_TYPE_NAMES } from '../../child-record/vocabulary.js';
import { disclosableIdentifiers, isWithheld } from '../../identifiers/pupil-identifiers.js';
import { AREA_OF_NEED_WORDS } from './annex-a-words.js';
import { date, none, number, text, WITHHELD, type AnnexACell } from './cells.js';

/** The entry ids behind a row, gathered as its cells are filled: the "Sources" a figure is traced by. */
export class Sources {
  readonly #ids = new Set<string>();
  add(...eventIds: Array<string | undefined | null>): void {
    for (const id of eventIds) if (id) this.#ids.add(id);
  }
  list(): string[] {
    return [...this.#ids].sort();
  }
}

/** Who the child is: name, UPN (only if it may be disclosed), date of birth and age on the day. */
export function identityCells(record: ChildRecord, asOf: IsoDate, sources: Sources): Record<'name' | 'upn' | 'dateOfBirth' | 'age', AnnexACell> {
  const profile = record.profile!;
  sources.add(record.registered?.eventId);
  const upn = disclosableIdentifiers(record).upn;
  let upnCell: AnnexACell;
  if (isWithheld(record, 'upn')) {
    // The decision not to disclose is the source; the value itself is never written, not even to the sources.
    sources.add(record.withheldIdentifiers.upn?.decided.eventId);
    upnCell = WITHHELD;
  } else if (upn) {
    sources.add(record.identifiers.upn?.recorded.eventId);
    upnCell = text(upn);
  } else {
    upnCell = none('No UPN recorded');
  }
  return {
    name: text(profile.displayName),
    upn: upnCell,
    dateOfBirth: date(profile.dateOfBirth),
    age: number(Math.floor(wholeMonths(profile.dateOfBirth, asOf) / 12)),
  };
}

/** The primary and secondary needs identified (each the latest of its rank; several of a rank are all named). */
export function needCells(record: ChildRecord, sources: Sources): Record<'primaryNeed' | 'secondaryNeed', AnnexACell> {
  const of = (rank: 'primary' | 'secondary') => {
    const needs = record.needs.filter((need) => need.rank === rank);
    if (needs.length === 0) return none(`No ${rank} need recorded`);
    sources.add(...needs.map((need) => need.identified.eventId));
    return text([...new Set(needs.map(needInWords))].join('; '));
  };
  return { primaryNeed: of('primary'), secondaryNeed: of('secondary') };
}

export const dayOf = (instant: string): IsoDate => englandDateOf(instant);

export const laCell = (laCode: string, laName: string | null): AnnexACell => text(laName ? `${laName} (${laCode})` : laCode);

/** The DfE type of need where it was recorded, with its broad area; the broad area alone where it was not. */
const needInWords = (need: ChildRecord['needs'][number]): string =>
  need.senType ? `${SEN_TYPE_NAMES[need.senType]} (${AREA_OF_NEED_WORDS[need.area].toLowerCase()})` : AREA_OF_NEED_WORDS[need.area];
