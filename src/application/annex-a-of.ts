import { z } from 'zod';
import { englandDateOf, isIsoDate, type IsoDate } from '../domain/calendar/iso-date.js';
import { annexALists, type AnnexALists } from '../domain/returns/annex-a/index.js';
import { BadInput } from './bad-input.js';
import { noteRead, readChildrenInScope, type ChildRecordsDependencies, type Reader } from './child-records.js';
import { childEventsOf } from './record-views.js';

/** The access log's name for a read made to list a child on an Annex A list. */
export const ANNEX_A_READ = 'annexA';

export const AnnexAAsked = z.object({
  laCode: z.string().regex(/^\d{3}$/, 'must be a three-digit LA code'),
  asOf: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD'),
});

/**
 * The Annex A lists an area SEND inspection asks an LA for (List 1, EHC plans; List 2, SEN support), as of a day, for
 * an LA officer of that LA and no one else: anyone else reads it as not found (null), as a child they may not read
 * does. A day after today is refused: the list says what had happened, and the ledger cannot know the future. It is a
 * person-level export, so each child with a row is noted in the access log as read (as tribunalOrdersAcrossLa notes
 * the children it lists); the children of the LA without a row were read to decide that, and are not noted, as a
 * count notes no one.
 */
export async function annexAOf(
  deps: ChildRecordsDependencies,
  reader: Reader,
  asked: { laCode: string; asOf: IsoDate; laName?: string | null },
): Promise<AnnexALists | null> {
  const parsed = AnnexAAsked.safeParse(asked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'asOf');
    throw new BadInput(`${field}: ${issue.message}`, field, [{ field, message: issue.message }]);
  }
  const { laCode, asOf } = parsed.data;
  const today = englandDateOf(deps.clock().toISOString());
  if (asOf > today) throw new BadInput('asOf: must be today or earlier', 'asOf', [{ field: 'asOf', message: 'must be today or earlier' }]);
  const { actor } = reader;
  if (actor.role !== 'la_officer' || actor.organisation !== laCode) return null;
  const reads = await readChildrenInScope(deps, reader, { laCode }, 'record');
  const lists = annexALists(
    reads.map((read) => ({ childId: read.childId, events: childEventsOf(read.entries) })),
    { laCode, laName: asked.laName ?? null, asOf },
  );
  const included = new Set(lists.childIds);
  for (const read of reads) if (included.has(read.childId)) noteRead(reader, read, ANNEX_A_READ);
  return lists;
}
