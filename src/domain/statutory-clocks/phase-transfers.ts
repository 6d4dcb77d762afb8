import { isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { schoolYearOf, startOfSchoolYear, yearGroupStarts } from '../calendar/school-year.js';
import { PHASE_TRANSFERS } from '../child-record/vocabulary.js';
import { phaseTransferDeadline } from './limits.js';
import type { Limit, PhaseTransfer, RuleVersion, StatutoryRule } from './rule-types.js';
import type { StartedClock } from './started-clock.js';
import { concernsSubject, matchesEntry, stringField, type Placed, type Timeline } from './timeline.js';

type PhaseTransferLimit = Extract<Limit, { computation: 'phase_transfer' }>;

interface NamedPlacement {
  placed: Placed;
  kind: PhaseTransfer;
  startsOn: IsoDate;
  planId: string | null;
}

const inForce = (version: RuleVersion, date: IsoDate) => version.inForce.from <= date && (version.inForce.to === undefined || date <= version.inForce.to);

/**
 * The phase-transfer clocks of one child (reg 18). Every plan the LA maintains gets a clock for each transfer
 * the child makes at a set age (from the date of birth), whether or not a placement is named: an LA that never
 * names a school shows as missing the deadline. A named placement for the same plan and the same transfer, or a
 * transfer in the same school year, refines that clock rather than adding a second for one transfer; every other
 * placement starts its own clock, and later placements for the same plan and school year refine the first.
 */
export function phaseTransferStarts(rule: StatutoryRule, version: RuleVersion, timeline: Timeline, asOf: IsoDate): StartedClock[] {
  const limit = version.limit as PhaseTransferLimit;
  const trigger = version.trigger.entries[0];
  if (!trigger) return [];
  const placements = namedPlacements(version, limit, timeline);
  const refining = new Set<NamedPlacement>();
  const starts: StartedClock[] = [];

  const byAge = version.byAge;
  const birth = byAge && dateOfBirth(timeline, byAge.dateOfBirth);
  if (byAge && birth) {
    for (const made of timeline.entries.filter(({ entry }) => byAge.planMadeBy.some((match) => matchesEntry(entry, match)))) {
      const planId = stringField(made.entry, trigger.subject);
      if (planId === undefined) continue;
      for (const { transfer, intoYearGroup } of byAge.transfers) {
        const byBirth = yearGroupStarts(birth.date, intoYearGroup);
        const placement = placements.findLast(
          (p) => (p.planId === null || p.planId === planId) && (p.kind === transfer || schoolYearOf(p.startsOn) === schoolYearOf(byBirth)),
        );
        const kind = placement?.kind ?? transfer;
        const startsOn = placement?.startsOn ?? byBirth;
        // Reg 18 is about reviewing a plan that exists: one made after the deadline had the transfer in view when made.
        if (!inForce(version, startsOn) || made.date > phaseTransferDeadline(startsOn, kind, limit)) continue;
        // "Within 12 months of a transfer": from the start of the school year before it, or from naming the placement if earlier.
        const opensOn = startOfSchoolYear(schoolYearOf(startsOn) - 1);
        if (opensOn > asOf && !placement) continue;
        const inTransferYear = timeline.entries.find(({ date }) => date >= opensOn)?.position ?? timeline.entries.length;
        const opensAt = Math.max(made.position + 1, Math.min(inTransferYear, placement ? placement.placed.position + 1 : Infinity));
        if (maintenanceEnded(version, timeline, planId, made.position + 1, opensAt)) continue;
        if (placement) refining.add(placement);
        starts.push({
          rule,
          version,
          trigger: { type: made.entry.type, subject: trigger.subject },
          placed: made,
          triggerDate: startsOn,
          subjectId: planId,
          opensAt,
          startedAgainBy: null,
          transfer: placement
            ? { kind, startsOn, from: 'named_placement', source: placement.placed, intoYearGroup: null }
            : { kind, startsOn, from: 'date_of_birth', source: birth.placed, intoYearGroup },
        });
      }
    }
  }

  for (const group of placementsByTransfer(placements.filter((p) => !refining.has(p)))) {
    const first = group[0]!;
    const latest = group.at(-1)!;
    if (!inForce(version, latest.startsOn)) continue;
    starts.push({
      rule,
      version,
      trigger,
      placed: first.placed,
      triggerDate: latest.startsOn,
      subjectId: first.planId,
      opensAt: first.placed.position + 1,
      startedAgainBy: null,
      transfer: { kind: latest.kind, startsOn: latest.startsOn, from: 'named_placement', source: latest.placed, intoYearGroup: null },
    });
  }
  return starts;
}

function namedPlacements(version: RuleVersion, limit: PhaseTransferLimit, timeline: Timeline): NamedPlacement[] {
  const { dateFrom } = version.trigger;
  return timeline.entries.flatMap((placed): NamedPlacement[] => {
    const match = version.trigger.entries.find((candidate) => matchesEntry(placed.entry, candidate));
    if (!match) return [];
    const transfer = stringField(placed.entry, limit.transferField);
    const kind = PHASE_TRANSFERS.find((known) => known === transfer);
    const startsOn = dateFrom === 'occurredAt' ? placed.date : stringField(placed.entry, dateFrom.dataField);
    if (!kind || startsOn === undefined || !isIsoDate(startsOn)) return [];
    return [{ placed, kind, startsOn, planId: stringField(placed.entry, match.subject) ?? null }];
  });
}

/** One transfer per plan and school year: a placement named again (another school, another date) refines the first. */
function placementsByTransfer(placements: readonly NamedPlacement[]): NamedPlacement[][] {
  const groups = new Map<string, NamedPlacement[]>();
  for (const placement of placements) {
    const key = `${placement.planId ?? ''}/${schoolYearOf(placement.startsOn)}`;
    groups.set(key, [...(groups.get(key) ?? []), placement]);
  }
  return [...groups.values()];
}

/** The latest date of birth recorded (a correction is already applied on the timeline). */
function dateOfBirth(timeline: Timeline, { type, field }: { type: string; field: string }): { placed: Placed; date: IsoDate } | undefined {
  const placed = timeline.entries.findLast(({ entry }) => entry.type === type && isIsoDate(stringField(entry, field) ?? ''));
  return placed && { placed, date: stringField(placed.entry, field)! };
}

/** Whether the plan stopped being maintained (ceased, moved LA) between two timeline positions. */
function maintenanceEnded(version: RuleVersion, timeline: Timeline, planId: string, from: number, to: number): boolean {
  return timeline.entries
    .slice(from, to)
    .some(({ entry }) => version.lapses.some((match) => matchesEntry(entry, match)) && concernsSubject(timeline, entry, 'planId', planId));
}
