import { buildHandoverPack, packHash } from '../../../projections/handover-pack.js';
import type { ChildEventType } from '../../domain/child-record/events.js';
import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { openProvisionIds } from '../../domain/child-record/rules/transition-rules.js';
import { rightsPassOn } from '../../domain/participation/rights-holder.js';
import type { Actor } from '../../ledger/envelope.js';
import type { Random } from '../random.js';
import { DAY_MS, academicYearOf, curriculumYear, dayOf } from './calendar.js';
import type { LaCast, Service, Setting } from './cast.js';
import { ChildJournal, type ChildInput, type PlannedAppend } from './journal.js';

/** Counts the generator keeps, to check its output against the reference's statistics. */
export interface LaStats {
  registrations: number;
  requestsByYear: Record<number, number>;
  refusedToAssess: number;
  assessed: number;
  notToIssue: number;
  finalPlansByYear: Record<number, number>;
  timelyByYear: Record<number, number>;
  exceptions: number;
  statementsTransferred: number;
  reviews: number;
  reviewDecisions: Record<'maintain' | 'amend' | 'cease', number>;
  reviewsOnTime: number;
  ceased: number;
  ceaseReasons: Record<string, number>;
  appeals: Record<string, number>;
  phaseTransfers: number;
  phaseTransfersOnTime: number;
  moves: number;
  deliveries: number;
  shortfalls: number;
  senSupportCycles: number;
  provisionLines: number;
}

export const emptyStats = (): LaStats => ({
  registrations: 0, requestsByYear: {}, refusedToAssess: 0, assessed: 0, notToIssue: 0, finalPlansByYear: {}, timelyByYear: {}, exceptions: 0,
  statementsTransferred: 0, reviews: 0, reviewDecisions: { maintain: 0, amend: 0, cease: 0 }, reviewsOnTime: 0, ceased: 0, ceaseReasons: {},
  appeals: {}, phaseTransfers: 0, phaseTransfersOnTime: 0, moves: 0, deliveries: 0, shortfalls: 0, senSupportCycles: 0, provisionLines: 0,
});

export const bump = (counts: Record<string | number, number>, key: string | number, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** What a child's journey needs from the simulation around it. */
export interface World {
  /** The time the running action is recorded at. */
  readonly now: number;
  readonly end: number;
  readonly cast: LaCast;
  readonly stats: LaStats;
  schedule(at: number, action: () => void): void;
  /** Chance that an SEN support review ends in a request for an EHC needs assessment, this year. */
  requestChance(): number;
  localOfferServiceId(service: Service['key']): string | undefined;
  /** A setting of a kind, chosen for this child. */
  settingFor(kind: Setting['kind'], random: Random): Setting;
}

/** Journeys forced one way, for the fixed-size showcase children the API benchmark reads. */
export interface ChildFlags {
  /** Stop after this many entries. */
  cap?: number;
  noRequest?: boolean;
  alwaysNewCycle?: boolean;
  forcePlan?: boolean;
  noAppeals?: boolean;
  noMoves?: boolean;
  noCease?: boolean;
  /** Log each provision line's sessions weekly rather than termly. */
  weeklyLogs?: boolean;
  /** Stay at entity 0 of each kind of setting, so the journey does not depend on how many settings the scale has. */
  fixedSettings?: boolean;
}

interface PlanState {
  planId: string;
  lines: string[];
  finalMs: number;
  lastReviewMs: number;
}

export type Track = 'sen_support' | 'assessment' | 'plan' | 'moving' | 'gone';

export class SimChild {
  track: Track = 'sen_support';
  plan: PlanState | undefined;
  readonly journal: ChildJournal;
  readonly parent: Actor;
  /** Distinguishes actions scheduled for an older plan or cycle from current ones. */
  private generation = 0;
  private handoverPending = false;

  constructor(
    readonly label: string,
    readonly random: Random,
    readonly world: World,
    readonly dateOfBirth: string,
    public setting: Setting,
    readonly caseworker: Actor,
    emit: ConstructorParameters<typeof ChildJournal>[2],
    readonly flags: ChildFlags = {},
  ) {
    this.journal = new ChildJournal(random.uuid(), random.fork('ids'), emit);
    // The parent's token subject is the personId recorded for them: how the ledger knows them as the rights holder.
    this.parent = { id: random.uuid(), displayName: `Parent of ${label} (pseudonym)`, role: 'parent_carer', organisation: 'family' };
  }

  get childId() {
    return this.journal.childId;
  }

  get alive() {
    return this.track !== 'gone' && this.track !== 'moving';
  }

  /** Record one entry now (or claimed earlier); null once the showcase cap is reached. */
  rec<T extends ChildEventType>(type: T, input: ChildInput<T>, actor: Actor, occurredMs = this.world.now, resolve?: PlannedAppend['resolve']): string | null {
    if (this.track === 'gone') return null;
    if (this.flags.cap !== undefined && this.journal.entries >= this.flags.cap) {
      this.track = 'gone';
      return null;
    }
    return this.journal.record(type, input, actor, Math.min(occurredMs, this.world.now), this.world.now, resolve);
  }

  /** Schedule an action that runs only if the child is still in the same state of its journey. */
  later(at: number, action: () => void, whileGeneration = true): void {
    if (at >= this.world.end) return;
    const generation = this.generation;
    this.world.schedule(Math.max(at, this.world.now), () => {
      if (this.track === 'gone' || (whileGeneration && generation !== this.generation)) return;
      action();
    });
  }

  nextGeneration() {
    this.generation++;
  }

  curriculumYear(ms = this.world.now) {
    return curriculumYear(this.dateOfBirth, academicYearOf(ms));
  }

  /**
   * Who holds the rights today (CFA 2014 s.83(2)): the parent until the end of compulsory school age, then the
   * young person (no capacity assessments are generated, so none keeps the parent). Entries are made in
   * working hours, when the UTC date is England's.
   */
  rightsHolder(): 'parent_carer' | 'young_person' {
    this.rightsFrom ??= rightsPassOn(this.dateOfBirth);
    return dayOf(this.world.now) >= this.rightsFrom ? 'young_person' : 'parent_carer';
  }
  private rightsFrom: string | undefined;

  /**
   * A service's professionals write about a child only once the service is recorded as involved
   * (src/domain/access/relationships.ts): the LA records the involvement when it first asks them.
   */
  involve(actor: Actor, service: 'health' | 'social_care' | 'educational_psychology'): void {
    const involved = Object.values(this.journal.state.involvements).some((i) => !i.ended && i.organisation === actor.organisation && i.service === service);
    if (involved) return;
    this.rec('ProfessionalInvolved', {
      involvementId: this.random.uuid(),
      organisation: actor.organisation,
      service,
      description: `${actor.displayName} (${service.replace(/_/g, ' ')}) works with the child`,
    }, this.caseworker);
  }

  /**
   * The child moves to another setting: the setting it is on roll at hands over the record with every open
   * promise, and the receiving setting signs for it (then the child is on its roll, and its staff write).
   */
  changeSetting(to: Setting, acceptAt: number): void {
    // One move at a time: a second change while a handover is unsigned waits for the next opportunity.
    if (to.urn === this.setting.urn || this.handoverPending) return;
    const from = this.setting;
    const handoverId = this.random.uuid();
    const on = englandDateOf(new Date(this.world.now).toISOString());
    const open = openProvisionIds(this.journal.state, on);
    const issued = this.rec('HandoverIssued', {
      handoverId,
      toSetting: { name: to.name, urn: to.urn },
      // Cut where the stream stands when the entry is appended: filled in from the stored stream (hashes depend on the store).
      cutAtRevision: this.journal.entries - 1,
      cutAtHash: '0'.repeat(64),
      packHash: '0'.repeat(64),
      openProvisionIds: open,
    }, from.senco, this.world.now, (stream) => {
      const pack = buildHandoverPack(stream, on);
      return { cutAtRevision: pack.cutAt.streamRevision, cutAtHash: pack.cutAt.hash, packHash: packHash(pack) };
    });
    if (issued === null) return;
    this.handoverPending = true;
    this.later(Math.max(acceptAt, this.world.now + DAY_MS), () => {
      this.handoverPending = false;
      const accepted = this.rec('HandoverAccepted', {
        handoverId,
        signatory: { name: to.senco.displayName, role: `SENCo, ${to.name}` },
        acceptedProvisionIds: open,
        disputedProvisions: [],
      }, to.senco);
      // On the receiving setting's roll from now: its staff write the record.
      if (accepted !== null) this.setting = to;
    }, false);
  }
}
