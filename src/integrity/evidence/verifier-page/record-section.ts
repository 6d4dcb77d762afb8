import type { Block, BundleContent, BundleSection } from '../../../reports/tribunal-bundle/bundle-content.js';
import { tribunalBundleContent } from '../../../reports/tribunal-bundle/index.js';
import type { BundleVerification } from '../verifier/report.js';
import { h } from './dom.js';

/** A block of the bundle; its headings one level below the part it is in (the cover's h3, a section's h4). */
function block(b: Block, heading: 'h3' | 'h4'): HTMLElement {
  switch (b.kind) {
    case 'heading':
      return h(heading, {}, b.text);
    case 'paragraph':
      return h('p', b.style === 'quiet' ? { class: 'quiet' } : {}, b.style === 'strong' ? h('strong', {}, b.text) : b.text);
    case 'list':
      return h('ul', {}, b.items.map((item) => h('li', {}, item)));
    case 'table': {
      const [first, ...rest] = b.rows;
      // A table without a header row is a list of facts: its first column names each row.
      const row = (cells: string[]) => h('tr', {}, cells.map((cell, i) => (b.header.length === 0 && i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))));
      return h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          b.header.length > 0 ? h('thead', {}, h('tr', {}, b.header.map((cell) => h('th', { scope: 'col' }, cell)))) : null,
          h('tbody', {}, first ? row(first) : null, rest.map(row)),
        ),
      );
    }
    case 'entry':
      return h('div', { class: 'entry' }, h(heading, {}, b.heading), b.lines.map((line) => h('p', {}, line)));
  }
}

/**
 * The bundle's content as HTML: the same words, sections and tables the hearing bundle (PDF) draws. The section
 * on checking the file (ids, hashes, keys) is folded away: this page has just done that checking.
 */
export function contentHtml(content: BundleContent): HTMLElement[] {
  const section = (s: BundleSection) =>
    h('section', { 'aria-labelledby': `section-${s.id}` }, h('h3', { id: `section-${s.id}` }, `Section ${s.id}: ${s.title}`), s.blocks.map((b) => block(b, 'h4')));
  return [
    h('div', {}, content.cover.map((b) => block(b, 'h3'))),
    ...content.sections.map((s) =>
      s.part === 'checking' ? h('details', {}, h('summary', {}, `Section ${s.id}: ${s.title} (technical)`), h('div', { class: 'details-body' }, section(s))) : section(s),
    ),
  ];
}

/**
 * "The record, as verified": drawn from the verified entries alone, never from the file's unchecked bytes, and
 * only for a bundle that verifies as a whole (a part of a record that failed could mislead more than none).
 */
export function recordSection(verification: BundleVerification): HTMLElement {
  const heading = h('h2', { id: 'record-heading' }, 'The record, as verified');
  if (!verification.ok || !verification.manifest) {
    return h(
      'section',
      { 'aria-labelledby': 'record-heading' },
      heading,
      h('p', {}, 'The record is shown only from a bundle that verifies. This one does not, so nothing in it can be relied on as the ledger’s record.'),
    );
  }
  const content = tribunalBundleContent({
    manifest: verification.manifest,
    entries: verification.verifiedEntries,
    treeHead: verification.treeHead,
    cosignatures: verification.cosignatures,
  });
  return h('section', { 'aria-labelledby': 'record-heading' }, heading, h('p', {}, 'Everything below was drawn on this computer from the entries that verified, as the hearing bundle (PDF) is.'), contentHtml(content));
}
