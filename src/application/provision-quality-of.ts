import { queryPromises, type PromiseView } from '../../projections/promise-view.js';
import { isOpen } from '../domain/child-record/provision-standing.js';
import { assessSpecificity, type SpecificityFlag, type SpecificityFlagCode } from '../domain/provision-quality/specificity.js';
import type { RunningProjection } from '../read-models/projector.js';
import { childrenVisibleTo, readChildRecord, type ChildRecordsDependencies, type Reader } from './child-records.js';
import { pageOf, type Page, type PageRequest, type SortKey } from './paging.js';
import { foldedRecordOf } from './record-views.js';

export type ProvisionQualityDependencies = ChildRecordsDependencies & { promises: RunningProjection };

/** A provision line still owed today that raises at least one specificity flag. */
export interface FlaggedLine {
  childId: string;
  provisionId: string;
  planId: string | null;
  section: PromiseView['section'];
  legalForce: PromiseView['legalForce'];
  description: string;
  flags: SpecificityFlag[];
  /** A flag with legal weight (section F): the line is not specific and quantified in law (CoP 9.69). */
  notSpecific: boolean;
}

export interface ProvisionQuality {
  laCode: string;
  /** Lines still owed today, of the children the reader relates to now. */
  linesChecked: number;
  /** Lines with a flag of legal weight: not "detailed and specific" and "normally quantified" as section F must be. */
  linesNotSpecific: number;
  /** How many flags of each code the lines raise (a line whose wording has two vague phrases raises two), by code. */
  flagsByCode: Array<{ code: SpecificityFlagCode; count: number }>;
  /** Every line with a flag of any weight, in page order: for counting and paging only, no one's record is noted as read. */
  flaggedLines: FlaggedLine[];
}

/** Section F's lines first (their flags have legal weight), then by child and line: keys that never change while the LA's lines grow. */
const flaggedLineKey = (line: FlaggedLine): SortKey => [line.notSpecific ? 0 : 1, line.childId, line.provisionId];

/**
 * How specific and quantified the LA's current provision is (assessSpecificity, SEND Code of Practice 9.69),
 * counted over the lines still owed today (provision-standing.ts) of the LA's children the reader relates to now.
 * Figures only: no child's record is noted as read here; a page of the lines (provisionQualityPage) notes its own.
 */
export async function provisionQualityOf(deps: ProvisionQualityDependencies, reader: Reader, laCode: string): Promise<ProvisionQuality> {
  const { store, promises, clock } = deps;
  await promises.waitFor(await store.headPosition());
  const children = await childrenVisibleTo(deps, reader, { laCode }, 'record');
  const counts = new Map<SpecificityFlagCode, number>();
  const flaggedLines: FlaggedLine[] = [];
  let checked = 0;
  let notSpecific = 0;
  for (const { childId } of children) {
    for (const promise of await queryPromises(promises.reader, { childId }, clock())) {
      if (!isOpen(promise.status)) continue;
      checked++;
      const flags = assessSpecificity(promise.terms, promise.section);
      const legal = flags.some((flag) => flag.severity === 'legal');
      if (legal) notSpecific++;
      for (const flag of flags) counts.set(flag.code, (counts.get(flag.code) ?? 0) + 1);
      if (flags.length > 0) {
        flaggedLines.push({
          childId,
          provisionId: promise.provisionId,
          planId: promise.planId,
          section: promise.section,
          legalForce: promise.legalForce,
          description: promise.terms.description,
          flags,
          notSpecific: legal,
        });
      }
    }
  }
  return {
    laCode,
    linesChecked: checked,
    linesNotSpecific: notSpecific,
    flagsByCode: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({ code, count })),
    flaggedLines,
  };
}

export interface ProvisionQualityPage {
  quality: ProvisionQuality;
  /** The flagged lines on the page (of one reason, when asked), each with the child's name. */
  page: Page<FlaggedLine & { childName: string }>;
}

/**
 * The LA's figures and one page of its flagged lines, optionally only those raising one flag. Listing a child's
 * provision is reading their record: each child with a line on the page is read through the gateway (and so noted
 * in the access log as "promises"); the other children count in the figures only.
 */
export async function provisionQualityPage(
  deps: ProvisionQualityDependencies,
  reader: Reader,
  laCode: string,
  reason: SpecificityFlagCode | null,
  request: PageRequest,
): Promise<ProvisionQualityPage> {
  const quality = await provisionQualityOf(deps, reader, laCode);
  const lines = reason === null ? quality.flaggedLines : quality.flaggedLines.filter((line) => line.flags.some((flag) => flag.code === reason));
  const page = pageOf(lines, flaggedLineKey, request);
  const names = new Map<string, string>();
  for (const childId of new Set(page.nodes.map((line) => line.childId))) {
    const read = await readChildRecord(deps, reader, childId, 'record', 'promises');
    if (read) names.set(childId, foldedRecordOf(read.entries).profile?.displayName ?? 'Child');
  }
  // A child whose relationship ended between the count and the read is left off the page, not shown unread.
  const nodes = page.nodes.flatMap((line) => (names.has(line.childId) ? [{ ...line, childName: names.get(line.childId)! }] : []));
  return { quality, page: { ...page, nodes } };
}
