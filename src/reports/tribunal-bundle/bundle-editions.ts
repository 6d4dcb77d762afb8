/**
 * The renderers that have drawn bundles, by the name a manifest records. A verifier draws a bundle again with the
 * rules of the renderer that drew it, so a bundle exported before the appeal's course, the working document and the
 * golden thread were drawn (edition 1) still verifies byte for byte; a new bundle is drawn in the latest edition.
 */
export const RENDERER_EDITION_1 = 'send-ledger tribunal bundle/1 (pdfkit 0.17.2)';
export const RENDERER_EDITION_2 = 'send-ledger tribunal bundle/2 (pdfkit 0.17.2)';

export type BundleEdition = 1 | 2;

export const editionOf = (renderer: string): BundleEdition => (renderer === RENDERER_EDITION_1 ? 1 : 2);
