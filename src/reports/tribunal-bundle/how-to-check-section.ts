import { fingerprintInGroups } from '../../integrity/evidence/verifier/describe-verification.js';
import type { Block, BundleSection } from './bundle-content.js';
import type { RecordReading } from './record-reading.js';
import { ukDateTime } from '../../domain/calendar/uk-dates.js';

/**
 * Section G, one page at the end: what the bundle is proved against (the signed tree head, the ledger's key,
 * the witnesses) and how anyone can check it without trusting whoever sent it. Hashes and ids appear here only.
 */
export function howToCheckSection(reading: RecordReading): BundleSection {
  const { treeHead, cosignatures, manifest } = reading.input;
  const blocks: Block[] = [];
  if (!treeHead) {
    blocks.push({
      kind: 'paragraph',
      text: 'This is a draft. When the bundle is exported the ledger signs a tree head covering every entry in it, witnesses co-sign that head, and this page then gives the head, the key that signed it and the witnesses, so that anyone can check the bundle.',
    });
  } else {
    blocks.push({ kind: 'heading', text: 'What this bundle is proved against', indexed: false });
    blocks.push({
      kind: 'table',
      header: [],
      widths: [0.3, 0.7],
      rows: [
        ['Signed tree head', `${treeHead.treeSize} entries in the ledger, signed on ${ukDateTime(treeHead.timestamp)}`],
        ['Root hash', fingerprintInGroups(treeHead.rootHash)],
        ['Ledger key fingerprint', fingerprintInGroups(treeHead.keyId)],
        ['Bundle export', manifest.exportId],
      ],
    });
    blocks.push({ kind: 'heading', text: 'Witnesses that co-signed this head', indexed: false });
    const witnesses = [...cosignatures].sort((a, b) => a.cosignedAt.localeCompare(b.cosignedAt) || a.witness.localeCompare(b.witness));
    blocks.push(witnesses.length
      ? { kind: 'table', header: ['Witness', 'Witness key', 'Co-signed'], widths: [0.42, 0.28, 0.3], rows: witnesses.map((w) => [w.witness, `${fingerprintInGroups(w.witnessKeyId.slice(0, 16))} …`, ukDateTime(w.cosignedAt)]) }
      : { kind: 'paragraph', text: 'No witness co-signed this head.' });
  }
  blocks.push({ kind: 'heading', text: 'How to check it', indexed: false });
  blocks.push({
    kind: 'list',
    items: [
      'Open the verifier file that came with this bundle (the .html file of the same name, for example EH202-25-00123-bundle-v1.html) in any current web browser. It needs no network.',
      'Or, with SEND Ledger installed, run: npm run verify-bundle -- <bundle.json>',
      'Either checks the signature on the tree head, that every entry is in the signed log and in an unbroken chain, that each disclosed entry opens with its own key, the witnesses, and that this PDF is exactly the one drawn again from the verified entries.',
    ],
  });
  return { id: 'G', title: 'How to check this bundle', part: 'checking', blocks };
}
