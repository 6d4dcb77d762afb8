import { APPEAL_TYPE_WORDS } from '../../../reports/tribunal-bundle/bundle-limits.js';
import { personInWords, settingNames } from '../../../reports/tribunal-bundle/people-and-places.js';
import { undisclosedReason } from '../../../reports/tribunal-bundle/undisclosed-words.js';
import { ukDate, ukDateTime } from '../../../domain/calendar/uk-dates.js';
import type { BundleVerification } from '../verifier/report.js';
import { h, summaryList } from './dom.js';

const entries = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);

/**
 * What the bundle says of itself: who compiled it, when, for what, which version, and what it leaves out and why.
 * The export's own entry in the signed log binds all of it, so it is shown as verified only when that entry is.
 */
export function manifestSection(verification: BundleVerification): HTMLElement | null {
  const { manifest } = verification;
  if (!manifest) return null;
  const trusted = !verification.failures.some((f) => f.place.label === 'the export record' || f.place.label === 'the manifest' || f.place.label === 'the tree head');
  const settings = settingNames(verification.verifiedEntries);
  const appeal = manifest.appeal;
  const leftOut = manifest.omitted.length
    ? h('ul', {}, manifest.omitted.map((o) => h('li', {}, `Entries ${o.fromRevision} to ${o.throughRevision}: ${o.explanation}`)))
    : `Nothing: the bundle holds every entry of the record (${entries(manifest.streamLength)}).`;
  const undisclosed = manifest.undisclosed.length
    ? h(
        'ul',
        {},
        manifest.undisclosed.map((u) => h('li', {}, `Entry ${u.revision}: ${undisclosedReason(u.revision, manifest, verification.verifiedEntries) ?? 'its content is not disclosed.'}`)),
      )
    : 'None: the content of every entry in the bundle is disclosed.';
  const version = manifest.previousVersion
    ? `Version ${manifest.version}, replacing version ${manifest.previousVersion.version} of ${ukDate(manifest.previousVersion.compiledAt)}`
    : `Version ${manifest.version}`;
  return h(
    'section',
    { 'aria-labelledby': 'manifest-heading' },
    h('h2', { id: 'manifest-heading' }, 'About this bundle'),
    trusted
      ? h('p', {}, 'The ledger recorded all of this when the bundle was compiled, in the same signed log.')
      : h('div', { class: 'warning' }, h('p', {}, h('strong', {}, 'This did not verify: it is what the file says, not what the ledger recorded.'))),
    summaryList([
      ['Compiled by', personInWords(manifest.compiledBy, settings)],
      ['Compiled on', ukDateTime(manifest.compiledAt)],
      ['Purpose', manifest.purpose],
      ['Appeal', appeal ? `${appeal.reference}: an appeal against ${APPEAL_TYPE_WORDS[appeal.appealType]}` : 'None given'],
      ['Hearing date', appeal?.hearingDate ? ukDate(appeal.hearingDate) : 'Not yet listed'],
      ['Version', version],
      ['What changed', manifest.changes.length ? h('ul', {}, manifest.changes.map((c) => h('li', {}, c))) : 'Nothing: this is the first version.'],
      ['Left out of the bundle', leftOut],
      ['Entries whose content is not disclosed', undisclosed],
    ]),
  );
}
