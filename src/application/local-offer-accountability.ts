import { CHILDREN, laTag, type ChildDirectoryEntry } from '../../projections/child-directory.js';
import { checkAccountabilityPeriod, localOfferAccountability, type LocalOfferAccountability } from '../../projections/local-offer-accountability.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import type { RunningProjection } from '../read-models/projector.js';
import { childrenVisibleTo, noteRead, type ChildRecordsDependencies, type Reader } from './child-records.js';

export interface LocalOfferAccountabilityDependencies extends ChildRecordsDependencies {
  localOffer: RunningProjection;
  promises: RunningProjection;
}

/**
 * The Local Offer accountability report as this reader may have it: lines child by child only for the LA's
 * children they relate to now (judged by the gateway, each such child's read noted for the access log), and
 * for the rest, figures per service with small counts suppressed. Which children the reader sees is the
 * gateway's answer, not a role's: an LA officer relates to the LA's children, a parent to their own child.
 */
export async function localOfferAccountabilityFor(
  deps: LocalOfferAccountabilityDependencies, reader: Reader, laCode: string, from: string, to: string,
): Promise<LocalOfferAccountability> {
  const today = englandDateOf(deps.clock().toISOString());
  checkAccountabilityPeriod(from, to, today);
  const head = await deps.store.headPosition();
  await Promise.all([deps.localOffer.waitFor(head), deps.promises.waitFor(head), deps.directory.waitFor(head)]);
  // Promises count for the LA whose children they were made to (the child's current LA, after any move).
  const children = await deps.directory.reader.list<ChildDirectoryEntry>(CHILDREN, laTag(laCode));
  const childLaCodes = new Map(children.map((child) => [child.childId, child.laCode]));
  const visible = new Map((await childrenVisibleTo(deps, reader, { laCode }, 'record')).map((read) => [read.childId, read]));
  const report = await localOfferAccountability(deps.localOffer.reader, deps.promises.reader, laCode, from, to, today, {
    childLaCodes,
    shownChildren: new Set(visible.keys()),
  });
  for (const childId of new Set(report.services.flatMap((s) => s.promises.map((p) => p.childId)))) {
    noteRead(reader, visible.get(childId)!, 'localOfferAccountability');
  }
  return report;
}
