/**
 * The tribunal bundle as structured content: what the PDF draws and what the offline verifier can show beside
 * it. Built from the verified entries alone, so anyone holding the bundle can build it again.
 */

/** The bundle's sections, in the order the Practice Direction sets: the core bundle, the working document, the plan, the evidence. */
export const SECTION_IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/**
 * Which part of the bundle a section belongs to, for the page limits: the core bundle (the appeal, the
 * decision, the local authority's response), the working document, the plan with its appendices, and the
 * party's evidence. How to check the bundle is about the file, not evidence.
 */
export type BundlePart = 'core_bundle' | 'working_document' | 'plan_and_appendices' | 'party_evidence' | 'checking';

export type Block =
  /** A heading inside a section; an indexed one is listed in the index as one of the section's main items. */
  | { kind: 'heading'; text: string; indexed: boolean }
  | { kind: 'paragraph'; text: string; style?: 'strong' | 'quiet' }
  | { kind: 'list'; items: string[] }
  /** Column widths are shares of the page's width (they add up to 1). */
  | { kind: 'table'; header: string[]; widths: number[]; rows: string[][] }
  /** One entry of the record: a heading and its lines, kept on one page where they fit. */
  | { kind: 'entry'; heading: string; lines: string[] };

export interface BundleSection {
  id: SectionId;
  title: string;
  part: BundlePart;
  blocks: Block[];
}

export interface BundleContent {
  /** The PDF's document information. */
  info: { title: string; author: string; subject: string };
  /** What the footer of every page says before "Page N of M". */
  footer: string;
  cover: Block[];
  sections: BundleSection[];
}
