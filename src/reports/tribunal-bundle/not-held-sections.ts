import type { BundleSection } from './bundle-content.js';

/**
 * Sections B and C: documents the Practice Direction puts in the bundle that the ledger does not hold. Each is
 * said plainly, so a missing section reads as not held, never as nothing to say.
 */
export const responseSection = (): BundleSection => ({
  id: 'B',
  title: "The local authority's response",
  part: 'core_bundle',
  blocks: [
    {
      kind: 'paragraph',
      text: "The local authority's response to the appeal is not held in this record; the local authority adds it to the bundle.",
    },
  ],
});

export const workingDocumentSection = (): BundleSection => ({
  id: 'C',
  title: 'The working document',
  part: 'working_document',
  blocks: [
    {
      kind: 'paragraph',
      text: "The working document (the parties' positions on the disputed parts of the EHC plan) is not held in this record yet; the parties add it to the bundle.",
    },
  ],
});
