import { entryTypeInWords } from '../../../reports/tribunal-bundle/people-and-places.js';
import type { BundleFailure } from '../verifier/report.js';

export interface FailingPlace {
  /** "Entry 7 (Advice received)", "The tree head". */
  name: string;
  problems: string[];
}

/** What kind of entry the file says the entry at a revision is (its bytes did not verify, so only what they claim). */
function claimedKind(bundle: unknown, revision: number): string | null {
  const entries = (bundle as { entries?: unknown } | null)?.entries;
  const entry = Array.isArray(entries) ? (entries[revision] as { canonical?: unknown } | undefined) : undefined;
  if (typeof entry?.canonical !== 'string') return null;
  try {
    const type = (JSON.parse(entry.canonical) as { type?: unknown }).type;
    if (typeof type !== 'string' || !/^[A-Za-z]{1,60}$/.test(type)) return null;
    return entryTypeInWords(type);
  } catch {
    return null;
  }
}

/** Each failing place once, in the order the checks found them, with every problem found there. */
export function failuresInWords(failures: readonly BundleFailure[], bundle: unknown): FailingPlace[] {
  const places = new Map<string, FailingPlace>();
  for (const { place, problem } of failures) {
    let found = places.get(place.label);
    if (!found) {
      const kind = place.revision === null ? null : claimedKind(bundle, place.revision);
      const label = place.label.charAt(0).toUpperCase() + place.label.slice(1);
      found = { name: kind ? `${label} (${kind})` : label, problems: [] };
      places.set(place.label, found);
    }
    found.problems.push(problem.charAt(0).toUpperCase() + problem.slice(1));
  }
  return [...places.values()];
}
