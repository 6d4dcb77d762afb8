import type { BundleVerification } from './report.js';

const childNameOf = (report: BundleVerification): string | null => {
  const registered = report.verifiedEntries.find((entry) => entry.type === 'ChildRegistered');
  const name = registered?.data['displayName'];
  return typeof name === 'string' ? name : null;
};

/** "1a2b 3c4d …": a fingerprint or hash a person can compare by eye, four characters at a time. */
export const fingerprintInGroups = (hex: string): string => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/** The outcome of a check in sentences, for the command line: the verdict, the trust anchors, what the bundle leaves out. */
export function describeVerification(report: BundleVerification): string[] {
  const lines: string[] = [];
  const head = report.treeHead;
  const manifest = report.manifest;
  if (report.ok) {
    const child = childNameOf(report);
    lines.push(
      `VERIFIED: all ${report.entriesChecked} entries${child ? ` of ${child}'s record` : ''} are in the signed log of ${head!.treeSize} entries, ` +
        'their hash chain is intact, every disclosed entry opens under the key its bytes commit to, the manifest is the one the ledger recorded, ' +
        'and the hearing-bundle PDF is exactly the one the verified entries make.',
    );
  } else {
    lines.push(`NOT VERIFIED: ${report.failures.length} problem${report.failures.length === 1 ? '' : 's'} in ${report.entriesChecked} entries:`);
    for (const failure of report.failures) {
      const where = failure.place.revision !== null ? `${failure.place.label}${failure.place.eventId ? ` (${failure.place.eventId})` : ''}` : failure.place.label;
      lines.push(`  - ${where}: ${failure.problem}`);
    }
  }
  if (head) lines.push(`Ledger key fingerprint: ${fingerprintInGroups(head.keyId)} (compare it with the one the local authority publishes, or pass --ledger-key).`);
  const { witnesses } = report;
  if (witnesses.policySource === 'none') lines.push('Witnesses: no policy given and the bundle states none, so no co-signature was required.');
  else {
    const source = witnesses.policySource === 'reader' ? 'your policy' : "the policy the bundle states (the ledger's word: pass --witnesses to use your own)";
    lines.push(`Witnesses: ${witnesses.satisfiedBy.length > 0 ? `co-signed by ${witnesses.satisfiedBy.join(' and ')}` : 'no co-signature verified'}, under ${source}, which needs ${witnesses.policy!.required}.`);
  }
  if (manifest) {
    for (const omission of manifest.omitted) lines.push(`Left out: ${omission.explanation}`);
    const erased = manifest.undisclosed.filter((u) => u.reason === 'erased').length;
    const sealed = manifest.undisclosed.filter((u) => u.reason === 'sealed_before_entry_keys').length;
    if (erased > 0) lines.push(`Not disclosed: ${erased} entr${erased === 1 ? 'y' : 'ies'} whose content was erased (the record's key was destroyed); each is still proved to exist, in order.`);
    if (sealed > 0) lines.push(`Not disclosed: ${sealed} entr${sealed === 1 ? 'y' : 'ies'} sealed before entries had keys of their own; disclosing ${sealed === 1 ? 'it' : 'them'} would disclose the whole record.`);
  }
  return lines;
}
