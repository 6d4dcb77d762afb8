import type { BundleContent } from './bundle-content.js';
import type { BundleLayout } from './bundle-layout.js';
import { appealSection } from './appeal-section.js';
import { RENDERER_EDITION_2 } from './bundle-editions.js';
import { chronologySection } from './chronology-section.js';
import { childAsRecorded, coverBlocks, TRIBUNAL } from './cover.js';
import { deadlinesSection } from './deadlines-section.js';
import { drawBundle } from './draw-pdf.js';
import { howToCheckSection } from './how-to-check-section.js';
import { responseSection } from './not-held-sections.js';
import { planSection } from './plan-section.js';
import { readRecord } from './record-reading.js';
import type { TribunalBundleInput } from './tribunal-bundle-input.js';
import { workingDocumentSection } from './working-document-section.js';

/**
 * The tribunal bundle (Practice Direction No. 1 of 2025 for SEND appeals): one text-searchable PDF, its
 * sections in the set order, every page numbered. Browser-safe and deterministic: the offline verifier draws it
 * again from the verified entries and compares the bytes, so this module and all it imports avoid Node APIs,
 * the clock, randomness and the machine's locale. Edition 2 adds the appeal's course and its orders, the working
 * document's standing and the golden thread; a bundle drawn in edition 1 is drawn again in edition 1 (bundle-editions.ts).
 */
export const TRIBUNAL_BUNDLE_RENDERER = RENDERER_EDITION_2;

export type { TribunalBundleInput } from './tribunal-bundle-input.js';
export type { Block, BundleContent, BundlePart, BundleSection, SectionId } from './bundle-content.js';
export type { BundleLayout, SectionPages } from './bundle-layout.js';
export { BUNDLE_LIMITS, checkBundleLimits, type LimitFinding, type LimitKind } from './bundle-limits.js';

/** The bundle as structured content: what the PDF draws and what a verifier page can show beside it. */
export function tribunalBundleContent(input: TribunalBundleInput): BundleContent {
  const reading = readRecord(input);
  const { manifest } = input;
  const reference = manifest.appeal?.reference;
  return {
    info: {
      title: `Hearing bundle${reference ? ` for appeal ${reference}` : ''}, version ${manifest.version}`,
      author: manifest.compiledBy.displayName,
      subject: `${TRIBUNAL}: ${childAsRecorded(reading)}`,
    },
    footer: reference ? `Appeal ${reference}, hearing bundle version ${manifest.version}` : `Hearing bundle version ${manifest.version}, no appeal reference`,
    cover: coverBlocks(reading),
    sections: [
      appealSection(reading),
      responseSection(reading),
      workingDocumentSection(reading),
      planSection(reading),
      chronologySection(reading),
      deadlinesSection(reading),
      howToCheckSection(reading),
    ],
  };
}

const sameLayout = (a: BundleLayout, b: BundleLayout) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PDF and where each section fell. Drawn until the index's page numbers are those of the drawing they are
 * in: the index's rows do not change height with their numbers, so the second drawing is the last. Given the
 * layout a drawing had (`known`, as a bundle states it), it is drawn once with it: a verifier then checks that the
 * drawing falls on exactly that layout, so a wrong one cannot pass.
 */
export async function renderTribunalBundlePdf(input: TribunalBundleInput, known?: BundleLayout): Promise<{ pdf: Uint8Array; layout: BundleLayout }> {
  const content = tribunalBundleContent(input);
  if (known) return drawBundle(content, input.manifest.compiledAt, known);
  let drawn = await drawBundle(content, input.manifest.compiledAt, null);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const next = await drawBundle(content, input.manifest.compiledAt, drawn.layout);
    if (sameLayout(next.layout, drawn.layout)) return next;
    drawn = next;
  }
  throw new Error('the tribunal bundle did not settle on one layout: its index changes the pages it lists');
}

