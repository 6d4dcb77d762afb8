/**
 * What a reader may read of a child's record. Each entry point asks for one kind, so that a relationship
 * (or a consent grant) can allow some and not others: a school reads the record but does not export
 * evidence bundles; only the rights holder and the LA's privacy officer read who viewed the record, and export
 * the whole record for a subject access request (UK GDPR art. 15), which is the LA's to answer as controller.
 */
export const READ_KINDS = ['record', 'audit_trail', 'handover_pack', 'evidence_export', 'access_log', 'subject_access'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

export const ALL_READS: readonly ReadKind[] = READ_KINDS;
