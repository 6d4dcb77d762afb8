import type { ExportDependencies } from '../integrity/evidence/export-bundle.js';
import { askWitnesses } from '../integrity/witness/ask-witnesses.js';
import type { WitnessPolicy } from '../integrity/witness/cosignature.js';
import { loadWitnessPolicy } from '../integrity/witness/witness-policy.js';
import type { LedgerServices } from './ledger-services.js';
import type { EvidenceExportDependencies } from './export-evidence.js';

type Sources = Pick<LedgerServices, 'config' | 'store' | 'clock' | 'signingKey' | 'keys' | 'accessCache'>;

/**
 * What an export needs, from the configured ledger: its key, the children's keys, and the witnesses the ledger asks
 * to co-sign each head it signs for a bundle (an unreachable witness is left out, never waited on for long). The
 * witness policy file was checked when the configuration was read.
 */
export function evidenceDependencies(services: Sources): EvidenceExportDependencies {
  const { config } = services;
  const witnessPolicy: WitnessPolicy | null = config.WITNESS_POLICY_FILE ? loadWitnessPolicy(config.WITNESS_POLICY_FILE) : null;
  const witnesses = config.WITNESS_URLS.map((url) => ({ url }));
  const ask: ExportDependencies['askWitnesses'] =
    witnesses.length === 0 ? undefined : async (head) => (await askWitnesses({ store: services.store, witnesses, clock: services.clock }, head)).cosignatures;
  return {
    store: services.store,
    clock: services.clock,
    accessCache: services.accessCache,
    signingKey: services.signingKey,
    keys: services.keys,
    lateThresholdDays: config.LATE_ENTRY_THRESHOLD_DAYS,
    askWitnesses: ask,
    witnessPolicy,
  };
}
