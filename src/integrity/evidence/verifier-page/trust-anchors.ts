import { fingerprintInGroups } from '../verifier/describe-verification.js';
import type { BundleVerification } from '../verifier/report.js';
import { h, summaryList } from './dom.js';
import { witnessesInWords } from './result-panel.js';


export interface ReaderAnchors {
  ledgerKeyId: string | null;
  /** The name of the file the reader's witness policy came from, when they loaded one. */
  policyFile: string | null;
}

/** The keys the verdict rests on: the ledger's signing key, and which witnesses were trusted and on whose word. */
export function trustAnchors(verification: BundleVerification, reader: ReaderAnchors): HTMLElement {
  const head = verification.treeHead;
  const { policy, policySource } = verification.witnesses;
  const keyRows: [string, (Node | string)[]][] = [];
  if (head) {
    const compared =
      reader.ledgerKeyId === null
        ? 'Not compared yet with the fingerprint your local authority publishes: compare it below, or by eye.'
        : reader.ledgerKeyId === head.keyId
          ? 'It matches the fingerprint you gave.'
          : 'It does NOT match the fingerprint you gave: see the result above.';
    keyRows.push(['Ledger signing key fingerprint (SHA-256)', [h('code', { class: 'fingerprint' }, fingerprintInGroups(head.keyId)), h('p', { class: 'hint' }, compared)]]);
  }
  const source =
    policySource === 'reader'
      ? `The policy you loaded${reader.policyFile ? ` from ${reader.policyFile}` : ''}.`
      : policySource === 'bundle'
        ? 'The policy the ledger states in the bundle (its manifest). Load your own below if you hold one.'
        : 'None: the bundle states no witness policy and you have not loaded one.';
  const policyRows: [string, (Node | string)[]][] = [['Witness policy used', [source]]];
  if (policy) {
    policyRows.push([
      'Witnesses it trusts',
      [h('ul', {}, policy.witnesses.map((w) => h('li', {}, w.name))), `It needs co-signatures from ${policy.required} of them.`],
    ]);
  }
  policyRows.push(['Co-signatures', [witnessesInWords(verification)]]);
  return h('div', {}, summaryList([...keyRows, ...policyRows]));
}
