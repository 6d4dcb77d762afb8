import type { SenType } from '../../child-record/vocabulary.js';
import type { IsoDate } from '../../calendar/iso-date.js';
import type { CEASE_REASONS, PHASE_TRANSFERS, REVIEW_DECISIONS } from '../../child-record/vocabulary.js';
import type { CollectionPeriod } from './census-date.js';
import type { UpnUnknownReason } from './codes.js';

/**
 * The SEN2 person-level return as the ledger builds it, module by module (the DfE's names: Person, Requests,
 * Assessment, NamedPlan with PlanDetail, ActivePlans with PlacementDetail; SENneed is not held). Every item
 * carries `sources`: the eventIds of the entries it was read from, so each figure traces back to them.
 */
export interface Sourced {
  sources: string[];
}

/** A yes/no item (mediation, tribunal...): the entries that made it yes, none when no. */
export interface Sen2Flag extends Sourced {
  value: boolean;
}

export interface Sen2Return {
  laCode: string;
  period: CollectionPeriod;
  persons: Sen2Person[];
}

export interface Sen2Person extends Sourced {
  childId: string;
  /** For the page only (the display name the ledger holds): never written to the return, which asks for the legal name. */
  displayName: string;
  birthDate: IsoDate;
  upn?: string;
  uln?: string;
  /** Set where neither a UPN nor a ULN may be reported: why (the spec's UPNunknown). */
  upnUnknown?: UpnUnknownReason;
  requests: Sen2Request[];
  /** Annual reviews (and reviews after a move between LAs) due in the year whose outcome is known: held or missed. */
  reviews: Sen2Review[];
  /** Phase transfers whose deadline fell in the year with a known outcome. */
  phaseTransfers: Sen2PhaseTransfer[];
}

export interface Sen2Request extends Sourced {
  /** null for a plan made by the transfer of a statement (no request was made). */
  requestId: string | null;
  receivedDate?: IsoDate;
  outcome?: Sourced & { decision: 'assess' | 'not_assess'; date: IsoDate; dueDate: IsoDate; withinSixWeeks: boolean };
  mediation: Sen2Flag;
  tribunal: Sen2Flag;
  assessment?: Sen2Assessment;
  activePlan?: Sen2ActivePlan;
}

export interface Sen2TwentyWeeks extends Sourced {
  /** The statutory date: 20 weeks from the request (an exception does not move it). */
  dueDate: IsoDate;
  issuedOn: IsoDate;
  within: boolean;
  /** A reg 10(4) exception applied during the 20 weeks (or the 2020 coronavirus modification): an exception case. */
  exceptionApplied: boolean;
  /** The return's Week20 item: an exception applied and the plan was issued after 20 weeks (the guide's rule). */
  week20: boolean;
  /** The ExceptionInvoked entries behind exceptionApplied. */
  exceptionSources: string[];
}

export interface Sen2Assessment extends Sourced {
  outcome?: Sourced & { decision: 'issue' | 'not_issue'; date: IsoDate };
  mediation: Sen2Flag;
  tribunal: Sen2Flag;
  otherMediation: Sen2Flag;
  otherTribunal: Sen2Flag;
  twentyWeeks?: Sen2TwentyWeeks;
  namedPlan?: Sen2NamedPlan;
}

export interface Sen2Setting extends Sourced {
  urn?: string;
  name: string | null;
}

export interface Sen2NamedPlan extends Sourced {
  planId: string;
  startDate: IsoDate;
  /** Whether the plan was made in the collection year (a new plan), as opposed to listed for its cessation. */
  newInYear: boolean;
  ceased?: Sourced & { date: IsoDate; reason: (typeof CEASE_REASONS)[number] };
  /** Section I: the setting the plan names (PlanDetail). */
  planDetail: Sen2Setting[];
}

export interface Sen2Placement extends Sen2Setting {
  entryDate: IsoDate;
  leavingDate?: IsoDate;
}

export interface Sen2ActivePlan extends Sourced {
  planId: string;
  startDate: IsoDate;
  /** The LA the plan was transferred in from during the year (reg 15), if it was. */
  transferLa?: Sourced & { laCode: string };
  /** The last review meeting held up to the census date, and its decision. */
  lastReview?: Sourced & { meetingDate: IsoDate; decision: (typeof REVIEW_DECISIONS)[number]; decisionDate?: IsoDate };
  /** The phase transfer due in the year, if there was one. */
  phaseTransfer?: Sourced & { dueDate: IsoDate; finalDate?: IsoDate };
  placements: Sen2Placement[];
  /** SENneed: the needs whose DfE type was recorded, primary first, ranked from 1 (a need with only a broad area is left out). */
  needs: Array<Sourced & { rank: number; type: Exclude<SenType, 'NSA'> }>;
}

export interface Sen2Review extends Sourced {
  planId: string | null;
  dueDate: IsoDate;
  heldOn: IsoDate | null;
  onTime: boolean;
}

export interface Sen2PhaseTransfer extends Sourced {
  planId: string | null;
  transfer: (typeof PHASE_TRANSFERS)[number] | null;
  dueDate: IsoDate;
  amendedOn: IsoDate | null;
  onTime: boolean;
}
