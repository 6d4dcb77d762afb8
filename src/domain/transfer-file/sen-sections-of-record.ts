import { englandDateOf } from '../calendar/iso-date.js';
import type { ChildRecord } from '../child-record/state.js';
import { AREAS_OF_NEED } from '../child-record/vocabulary.js';
import { disclosableIdentifiers, isWithheld } from '../identifiers/pupil-identifiers.js';
import type { CtfSenNeed, CtfSenSections, CtfSenStatus, LeftOut, SenProvision } from './ctf-sen-sections.js';

const areaWords = (area: (typeof AREAS_OF_NEED)[number]) => area.replaceAll('_', ' ');

/**
 * The SEN provision history from the entries, oldest first, each status with the entry it came from: K from the first
 * SEN support cycle planned, E from a final EHC plan (or a statement transferred to one), N once SEN support ended at a
 * review or a plan ceased. A status the same as the one before starts nothing new (a second plan, a new cycle).
 */
export function senHistoryOf(record: ChildRecord): { history: CtfSenStatus[]; leftOut: LeftOut[] } {
  const history: CtfSenStatus[] = [];
  const leftOut: LeftOut[] = [];
  let plansInForce = new Set<string>();
  const now = () => history.at(-1)?.provision ?? null;
  const become = (provision: SenProvision, event: { eventId: string; occurredAt: string }) => {
    if (now() !== provision) history.push({ provision, startDate: englandDateOf(event.occurredAt), eventId: event.eventId });
  };
  for (const event of record.history) {
    switch (event.type) {
      case 'SenSupportCyclePlanned':
        if (now() !== 'E') become('K', event);
        break;
      case 'SenSupportCycleReviewed':
        if (event.data.nextStep === 'end_sen_support' && now() === 'K') become('N', event);
        break;
      case 'FinalPlanIssued':
        plansInForce.add(event.data.planId);
        become('E', event);
        break;
      case 'StatementTransferredToEhcPlan':
        plansInForce.add(event.data.planId);
        become('E', event);
        break;
      case 'PlanCeased':
        plansInForce = new Set([...plansInForce].filter((planId) => planId !== event.data.planId));
        if (plansInForce.size === 0 && now() === 'E') become('N', event);
        break;
      case 'StatementMade':
      case 'SchoolActionRecorded':
      case 'SchoolActionPlusRecorded':
        // The CTF's current code set is N, K and E; the pre-2014 stages (statement S, School Action A and Plus P) are not in it.
        leftOut.push({
          what: `A pre-2014 SEN stage recorded on ${englandDateOf(event.occurredAt)}`,
          why: 'the SEN provision codes this file uses are N, K and E: statements, School Action and School Action Plus predate them',
        });
        break;
    }
  }
  return { history, leftOut };
}

/**
 * The needs ranked as the census and the CTF rank them: the primary needs first (rank 1), then the secondary ones in
 * the order recorded. A need with no DfE type of SEN recorded cannot be carried: it is left out, and said so.
 */
export function senNeedsOf(record: ChildRecord): { needs: CtfSenNeed[]; leftOut: LeftOut[] } {
  const typed = [...record.needs.filter((n) => n.rank === 'primary'), ...record.needs.filter((n) => n.rank === 'secondary')];
  const needs: CtfSenNeed[] = [];
  const leftOut: LeftOut[] = [];
  for (const need of typed) {
    if (!need.senType) {
      leftOut.push({ what: `A ${need.rank} need in ${areaWords(need.area)} (recorded ${englandDateOf(need.identified.on)})`, why: 'no DfE type of SEN is recorded for it' });
      continue;
    }
    if (needs.some((n) => n.type === need.senType)) continue;
    needs.push({ rank: needs.length + 1, type: need.senType, identifiedOn: englandDateOf(need.identified.on), eventId: need.identified.eventId });
  }
  return { needs, leftOut };
}

/** The SEN sections the ledger holds for a child, with what it cannot carry and why. Null when the child has no profile. */
export function senSectionsOfRecord(record: ChildRecord): { sections: CtfSenSections; leftOut: LeftOut[] } | null {
  const profile = record.profile;
  if (!profile) return null;
  const { history, leftOut: historyLeftOut } = senHistoryOf(record);
  const { needs, leftOut: needsLeftOut } = senNeedsOf(record);
  const { upn } = disclosableIdentifiers(record);
  const leftOut: LeftOut[] = [];
  if (!upn) {
    leftOut.push(
      isWithheld(record, 'upn')
        ? { what: 'UPN', why: `withheld: a recorded decision not to disclose it (${record.withheldIdentifiers.upn!.reason})` }
        : { what: 'UPN', why: 'no UPN is recorded for this child' },
    );
  }
  leftOut.push({
    what: 'Surname',
    why: 'the ledger holds only the name the child is known by, not a legal surname and forename: that name is given as the forename',
  });
  return {
    sections: { pupil: { ...(upn ? { upn } : {}), forename: profile.displayName, dateOfBirth: profile.dateOfBirth }, history, needs },
    leftOut: [...leftOut, ...historyLeftOut, ...needsLeftOut],
  };
}
