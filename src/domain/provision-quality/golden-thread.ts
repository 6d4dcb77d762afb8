import type { IsoDate } from '../calendar/iso-date.js';
import type { ChildRecord } from '../child-record/state.js';

/**
 * The golden thread of a plan: every need in B met by provision in F, every line of F serving a need and resting on
 * current evidence. Each flag names the rule it breaks and the entries it rests on.
 */
export type GoldenThreadFlagKind =
  | 'need_without_provision'
  | 'provision_without_need'
  | 'evidence_over_three_years_old'
  | 'evidence_superseded'
  | 'drafted_on_superseded_plan';

export interface GoldenThreadFlag {
  kind: GoldenThreadFlagKind;
  planId: string;
  provisionId?: string;
  needId?: string;
  amendmentId?: string;
  /** The flag in plain words, with the rule: shown as it is on the promise, in the handover pack and in the bundle. */
  explanation: string;
  /** The entries the flag rests on (the line's promise, the report, the later report...). */
  eventIds: string[];
}

// SCAFFOLD (issue 19): H3 implements goldenThreadFlags(record, asOf).
export declare function goldenThreadFlags(record: ChildRecord, asOf: IsoDate): GoldenThreadFlag[];
