import type { BundlePart, SectionId } from './bundle-content.js';

/** Where a section falls in the drawn PDF (pages count from 1), with its main items, as the index lists them. */
export interface SectionPages {
  id: SectionId;
  title: string;
  part: BundlePart;
  firstPage: number;
  lastPage: number;
  items: Array<{ title: string; page: number }>;
}

/** The drawn bundle's pages: the front matter (cover and index), each section's range, and the total. */
export interface BundleLayout {
  cover: { firstPage: number; lastPage: number };
  index: { firstPage: number; lastPage: number };
  sections: SectionPages[];
  totalPages: number;
}

export const pagesOf = (range: { firstPage: number; lastPage: number }): number => range.lastPage - range.firstPage + 1;
