import type { IsoDate } from '../calendar/iso-date.js';
import type { SenType } from '../child-record/vocabulary.js';

/**
 * The SEN sections of a Common Transfer File, as the ledger reads and writes them: the pupil who they are about, the
 * SEN provision history (N no SEN, K SEN support, E EHC plan) and the ranked types of need. Not the plan, not the
 * provision: the CTF carries neither (the SEN file, sent separately, does).
 */
export const SEN_PROVISIONS = ['N', 'K', 'E'] as const;
export type SenProvision = (typeof SEN_PROVISIONS)[number];

export const SEN_PROVISION_WORDS: Record<SenProvision, string> = { N: 'no special educational need (N)', K: 'SEN support (K)', E: 'EHC plan (E)' };

export interface CtfSenStatus {
  provision: SenProvision;
  startDate: IsoDate;
  /** The ledger entry this status came from; absent for one read from a file. */
  eventId?: string;
}

export interface CtfSenNeed {
  rank: number;
  type: SenType;
  /** The day the ledger recorded the need; a CTF carries no date for a need. */
  identifiedOn?: IsoDate;
  eventId?: string;
}

export interface CtfPupil {
  /** Carried only when disclosable (recorded and not withheld). */
  upn?: string;
  surname?: string;
  forename?: string;
  dateOfBirth: IsoDate;
}

export interface CtfSchool {
  name: string;
  urn?: string;
  laCode?: string;
}

export interface CtfSenSections {
  pupil: CtfPupil;
  /** Oldest first: the last is the status now. */
  history: CtfSenStatus[];
  needs: CtfSenNeed[];
}

/** What an export leaves out, and why, so the school can say so to the next one. */
export interface LeftOut {
  what: string;
  why: string;
}
