import type { IsoDate } from '../domain/calendar/iso-date.js';
import { sen2Timeliness, type Sen2Timeliness } from '../domain/statutory-clocks/sen2-timeliness.js';
import { sen2TimelinessByMonth, type Sen2TimelinessMonth } from '../domain/statutory-clocks/sen2-timeliness-by-month.js';
import { tribunalOrderTimeliness, type TribunalOrderTimeliness } from '../domain/statutory-clocks/tribunal-order-timeliness.js';
import type { ChildRecordsDependencies, Reader } from './child-records.js';
import { clockSummariesInScope } from './deadlines-in-scope.js';

export interface TimelinessOf extends Sen2Timeliness, TribunalOrderTimeliness {
  laCode: string;
  year: number;
  /** The same figures month by month: the months add up to the year. */
  months: Sen2TimelinessMonth[];
}

/**
 * SEN2's timeliness figures for an LA and a calendar year, and beside them (no SEN2 figure) how often it complied on time
 * with tribunal orders and conceded appeals, over the clocks of the LA's children the reader may read
 * now (as of today), with the months beside the year. An aggregate reads no one's record: nothing is noted in the
 * access log (see clockSummariesInScope).
 */
export async function timelinessOf(deps: ChildRecordsDependencies, reader: Reader, laCode: string, year: number, today: IsoDate): Promise<TimelinessOf> {
  const clocks = await clockSummariesInScope(deps, reader, { laCode }, today);
  return { laCode, year, ...sen2Timeliness(clocks, year), ...tribunalOrderTimeliness(clocks, year), months: sen2TimelinessByMonth(clocks, year) };
}
