import type { BundleVerification } from '../verifier/report.js';
import { h, summaryList } from './dom.js';

const hash = (value: string) => h('code', { class: 'hash' }, value);

/** Ids, hashes and signatures: for whoever wants to check by other means, folded away from everyone else. */
export function technicalDetails(verification: BundleVerification, bundle: unknown): HTMLElement | null {
  const head = verification.treeHead;
  if (!head) return null;
  const entries = ((bundle as { entries?: unknown } | null)?.entries ?? []) as { leafIndex?: unknown; hash?: unknown }[];
  const ids = new Map<number, string>(verification.verifiedEntries.map((e) => [Number(e.streamRevision), e.eventId]));
  return h(
    'details',
    {},
    h('summary', {}, 'Technical details'),
    h(
      'div',
      { class: 'details-body' },
      summaryList([
        ['Tree head: size', String(head.treeSize)],
        ['Tree head: root hash', hash(head.rootHash)],
        ['Tree head: signed at', hash(head.timestamp)],
        ['Tree head: key id', hash(head.keyId)],
        ['Tree head: signature', hash(head.signature)],
        ['Export id', verification.manifest ? hash(verification.manifest.exportId) : 'Not known'],
        ['Child id', verification.manifest ? hash(verification.manifest.childId) : 'Not known'],
        ['Co-signatures', verification.cosignatures.length ? h('ul', {}, verification.cosignatures.map((c) => h('li', {}, `${c.witness}: key `, hash(c.witnessKeyId), ` at ${c.cosignedAt}`))) : 'None'],
      ]),
      h('h3', {}, 'Entries'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ['Entry', 'Position in the log', 'Event id', 'Hash'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            entries.map((entry, i) =>
              h('tr', {}, h('td', {}, String(i)), h('td', {}, String(entry.leafIndex)), h('td', {}, hash(ids.get(i) ?? 'did not verify')), h('td', {}, hash(String(entry.hash)))),
            ),
          ),
        ),
      ),
    ),
  );
}
