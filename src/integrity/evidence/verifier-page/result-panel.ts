import { isErasedData } from '../../../domain/child-record/events.js';
import { ukDate } from '../../../domain/calendar/uk-dates.js';
import type { BundleVerification } from '../verifier/report.js';
import { h } from './dom.js';
import { failuresInWords } from './failures-in-words.js';

const entries = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);

/** The child's name as the verified record registered them, if the bundle discloses it. */
function childName(verification: BundleVerification): string | null {
  const registered = verification.verifiedEntries.find((e) => e.type === 'ChildRegistered');
  const name = registered && !isErasedData(registered.data) ? registered.data['displayName'] : null;
  return typeof name === 'string' ? name : null;
}

/** Who co-signed, in words, or why no co-signature was needed. */
export function witnessesInWords(verification: BundleVerification): string {
  const { policy, satisfiedBy } = verification.witnesses;
  if (!policy) return 'No witness policy applied: the bundle states none and you gave none, so no witness co-signature was needed.';
  if (policy.required === 0) return 'The witness policy needs no co-signature.';
  if (satisfiedBy.length < policy.required) {
    return `Witnesses NOT satisfied: the policy needs co-signatures from ${policy.required}; ${satisfiedBy.length === 0 ? 'none' : satisfiedBy.join(' and ')} verified.`;
  }
  return `Witnesses satisfied: ${satisfiedBy.join(' and ')} co-signed the same tree head (the policy needs ${policy.required}).`;
}

/** The verdict: green VERIFIED and what it covers, or red NOT VERIFIED naming every place that failed and why. */
export function resultPanel(verification: BundleVerification, bundle: unknown): HTMLElement {
  if (verification.ok) {
    const head = verification.treeHead!;
    const name = childName(verification);
    return h(
      'div',
      { class: 'panel panel--verified' },
      h('h2', { id: 'verdict' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'VERIFIED'),
      h('p', {}, `All ${entries(verification.entriesChecked)} of ${name ? `${name}’s` : 'the child’s'} record were proved into a signed log of ${entries(head.treeSize)}.`),
      h('p', {}, `The log’s tree head was signed on ${ukDate(head.timestamp)}. ${witnessesInWords(verification)}`),
      h('p', {}, 'The hearing bundle (PDF) is exactly the one these entries make.'),
    );
  }
  const places = failuresInWords(verification.failures, bundle);
  return h(
    'div',
    { class: 'panel panel--failed' },
    h('h2', { id: 'verdict' }, h('span', { 'aria-hidden': 'true' }, '✗ '), 'NOT VERIFIED'),
    h('p', {}, `Do not rely on this bundle: ${places.length === 1 ? 'one part of it fails' : `${places.length} parts of it fail`} the checks.`),
    h(
      'ul',
      { class: 'failures' },
      places.map((place) =>
        place.problems.length === 1
          ? h('li', {}, h('strong', {}, place.name), `: ${place.problems[0]!}.`)
          : h('li', {}, h('strong', {}, place.name), ':', h('ul', {}, place.problems.map((problem) => h('li', {}, `${problem}.`)))),
      ),
    ),
  );
}
