import { toChildEvent } from '../domain/child-record/decider.js';
import { participationFindingsAsKnownAt, type ParticipationFinding } from '../domain/participation/findings.js';
import type { ChildRecordAsOf } from './child-record-as-of.js';

/**
 * Was each decision in a child's record taken with the family (CFA 2014 s.19)? The findings over a record already
 * read through the gateway (so the read is judged and logged once), as the ledger knew it at the record's `asOf`:
 * the same reading the API's `participation` query gives.
 */
export const participationOf = (known: Pick<ChildRecordAsOf, 'entries' | 'asOf'>): ParticipationFinding[] =>
  participationFindingsAsKnownAt(known.entries.map(toChildEvent), known.asOf);
