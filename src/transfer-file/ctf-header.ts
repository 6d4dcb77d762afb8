/** The CTF header as the ledger writes and reads it (ctf-sen-schema.ts says what each element follows). */
export interface CtfHeader {
  /** The project's own version label: this is no DfE CTF version (see ctf-sen-schema.ts). */
  ctfVersion: string;
  dateTime: string;
  documentQualifier: 'full' | 'partial';
  supplierId: string;
  source: { laCode?: string; estab?: string; urn?: string; name: string; academicYear: string };
  dest?: { laCode?: string; estab?: string; urn?: string };
}

export const CTF_VERSION = 'SEND-Ledger-SEN-subset-1';
export const SUPPLIER_ID = 'SEND Ledger';
