import type { AccessFacts } from '../domain/access/access-facts.js';
import type { CaseListing } from '../domain/child-record/case-listing.js';
import type { IsoDate } from '../domain/calendar/iso-date.js';
import type { ClocksAndHorizon } from '../domain/statutory-clocks/compute-clocks.js';
import { judgedOn, type ClockSummary } from '../domain/statutory-clocks/judged-on.js';

/** A child's clock as a list over an LA holds it, with the child and its place among the child's clocks (to find it whole). */
export type ChildClockSummary = ClockSummary & { childId: string; place: number };

interface ChildSummary {
  revision: number;
  facts: AccessFacts | null;
  /** What a caseload or a desk shows of the child in a list. */
  listing: CaseListing | null;
  clocks: { computedOn: IsoDate; unchangedThrough: IsoDate; summaries: readonly ChildClockSummary[] } | null;
  /** The summaries judged on the last day asked about: a list asks about today again and again. */
  judged: { asOf: IsoDate; summaries: readonly ChildClockSummary[] } | null;
}

/**
 * What a list over thousands of children needs of each, kept per stream revision: the access facts a list judges
 * current relationships from, what a caseload shows of the child (its listing), and the clocks in summary with the horizon they hold to (judged again on a later day
 * without reading the record). An LA's deadlines or its children's list then reads and folds only the records that
 * grew since it last asked. A few hundred bytes a child; only read after the store's revision of the child was
 * looked up, and a record that grew (an erasure included) is never answered from here.
 */
export class ChildSummaries {
  private readonly children = new Map<string, ChildSummary>();

  constructor(private readonly capacity = 500_000) {}

  factsAt(childId: string, revision: number): AccessFacts | undefined {
    const known = this.children.get(childId);
    return known?.revision === revision && known.facts ? known.facts : undefined;
  }

  keepFacts(childId: string, revision: number, facts: AccessFacts): void {
    this.at(childId, revision).facts = facts;
  }

  listingAt(childId: string, revision: number): CaseListing | undefined {
    const known = this.children.get(childId);
    return known?.revision === revision && known.listing ? known.listing : undefined;
  }

  keepListing(childId: string, revision: number, listing: CaseListing): void {
    this.at(childId, revision).listing = listing;
  }

  /** The child's clocks judged on asOf, if worked out at this revision on a day whose horizon reaches asOf. */
  clocksAt(childId: string, revision: number, asOf: IsoDate): readonly ChildClockSummary[] | undefined {
    const known = this.children.get(childId);
    if (known?.revision !== revision) return undefined;
    if (known.judged?.asOf === asOf) return known.judged.summaries;
    const { clocks } = known;
    if (!clocks || asOf < clocks.computedOn || asOf > clocks.unchangedThrough) return undefined;
    const summaries = asOf === clocks.computedOn ? clocks.summaries : clocks.summaries.map((clock) => judgedOn(clock, asOf));
    known.judged = { asOf, summaries };
    return summaries;
  }

  keepClocks(childId: string, revision: number, asOf: IsoDate, { clocks, unchangedThrough }: ClocksAndHorizon): readonly ChildClockSummary[] {
    // One object literal with every field: each summary gets the same compact shape (a spread would not).
    const summaries = clocks.map(
      (clock, place): ChildClockSummary => ({
        ruleId: clock.ruleId,
        obligation: clock.obligation,
        triggerDate: this.shared(clock.triggerDate),
        dueDate: this.shared(clock.dueDate),
        dueDateWithExceptions: this.shared(clock.dueDateWithExceptions),
        state: clock.state,
        daysLate: clock.daysLate,
        daysLateWithoutExceptions: clock.daysLateWithoutExceptions,
        exceptionApplied: clock.exceptionApplied,
        modification: clock.modification,
        startedBy: { eventId: clock.startedBy.eventId },
        stoppedBy: clock.stoppedBy && { on: this.shared(clock.stoppedBy.on), type: this.shared(clock.stoppedBy.type) },
        // A limit that never applied stays lapsed when judged again on a later day, never missed.
        lapsedBy: clock.lapsedBy && (clock.lapsedBy.notApplicable ? { on: this.shared(clock.lapsedBy.on), notApplicable: true } : { on: this.shared(clock.lapsedBy.on) }),
        childId,
        place,
      }),
    );
    const known = this.at(childId, revision);
    known.clocks = { computedOn: asOf, unchangedThrough, summaries };
    known.judged = { asOf, summaries };
    return summaries;
  }

  /** A child whose record was erased here: nothing of it is kept a moment longer than needed. */
  forget(childId: string): void {
    this.children.delete(childId);
  }

  /**
   * One copy of each date and entry type: an LA's 150,000 clocks fall due on a few thousand days, and each copy of a
   * date is a string of its own. Bounded: a ledger has a few thousand days in a decade and a hundred-odd entry types.
   */
  private readonly strings = new Map<string, string>();

  private shared(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size < 100_000) this.strings.set(value, value);
    return value;
  }

  private at(childId: string, revision: number): ChildSummary {
    const known = this.children.get(childId);
    if (known?.revision === revision) return known;
    this.children.delete(childId);
    if (this.children.size >= this.capacity) this.children.delete(this.children.keys().next().value!);
    const fresh: ChildSummary = { revision, facts: null, listing: null, clocks: null, judged: null };
    this.children.set(childId, fresh);
    return fresh;
  }
}
