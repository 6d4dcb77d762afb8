import { concat } from '../../integrity/evidence/verifier/bytes.js';
import type { Block, BundleContent, BundleSection } from './bundle-content.js';
import type { BundleLayout, SectionPages } from './bundle-layout.js';

/**
 * Draws the bundle with pdfkit, in a way that gives the same bytes in Node and in a browser: no compression,
 * fixed dates, the standard fonts only, and nothing read from the machine. 12 point body text, as the Practice
 * Direction asks of documents; every page numbered.
 */

type Doc = PDFKit.PDFDocument;

const MARGIN = 56;
/** Room below the body for the footer. */
const BOTTOM = 72;
const BODY = 12;
const INK = '#0b0c0c';
const QUIET = '#505a5f';
const RULE = '#b1b4b6';
const SHADE = '#f3f2f1';

const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const currentPage = (doc: Doc) => doc.bufferedPageRange().start + doc.bufferedPageRange().count;

export interface DrawnBundle {
  pdf: Uint8Array;
  layout: BundleLayout;
}

/**
 * One drawing of the bundle. The index needs the page numbers of what follows it: `known` is the layout of an
 * earlier drawing (null the first time, when the index shows placeholders of the same width, so nothing moves).
 */
export async function drawBundle(content: BundleContent, compiledAt: string, known: BundleLayout | null): Promise<DrawnBundle> {
  // Loaded on first use: pdfkit is heavy to load and only exports and verifiers need it.
  const { default: PDFDocument } = await import('pdfkit');
  const created = new Date(compiledAt);
  const doc = new PDFDocument({
    size: 'A4',
    compress: false,
    bufferPages: true,
    autoFirstPage: false,
    margins: { top: MARGIN, bottom: BOTTOM, left: MARGIN, right: MARGIN },
    info: {
      Title: content.info.title,
      Author: content.info.author,
      Subject: content.info.subject,
      Creator: 'SEND Ledger',
      Producer: 'SEND Ledger',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.addPage();
  doc.outline.addItem('Cover');
  drawBlocks(doc, content.cover, null, true);
  const cover = { firstPage: 1, lastPage: currentPage(doc) };

  doc.addPage();
  const indexFirst = currentPage(doc);
  doc.outline.addItem('Index');
  drawIndex(doc, content, known);
  const index = { firstPage: indexFirst, lastPage: currentPage(doc) };

  const sections: SectionPages[] = content.sections.map((section) => drawSection(doc, section));
  const totalPages = currentPage(doc);
  drawFooters(doc, content.footer, totalPages);
  doc.end();
  await ended;
  return { pdf: concat(...chunks), layout: { cover, index, sections, totalPages } };
}

function drawSection(doc: Doc, section: BundleSection): SectionPages {
  doc.addPage();
  const firstPage = currentPage(doc);
  const bookmark = doc.outline.addItem(`${section.id}. ${section.title}`);
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(`${section.id}. ${section.title}`, { width: contentWidth(doc) });
  doc.moveDown(0.6);
  const items = drawBlocks(doc, section.blocks, bookmark, false);
  return { id: section.id, title: section.title, part: section.part, firstPage, lastPage: currentPage(doc), items };
}

/** Draws blocks in order; returns the indexed headings with the page each fell on. */
function drawBlocks(doc: Doc, blocks: readonly Block[], bookmark: PDFKit.PDFOutline | null, cover: boolean): Array<{ title: string; page: number }> {
  const items: Array<{ title: string; page: number }> = [];
  let headings = 0;
  blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'heading': {
        // On the cover the first heading is the document's title.
        const size = cover ? (headings === 0 ? 28 : 16) : 14;
        headings += 1;
        keepWithNext(doc, block.text, size, blocks[i + 1]);
        doc.moveDown(size > 14 ? 0.2 : 0.4);
        doc.font('Helvetica-Bold').fontSize(size).fillColor(INK).text(block.text, MARGIN, doc.y, { width: contentWidth(doc) });
        doc.moveDown(size > 16 ? 0.8 : 0.3);
        if (block.indexed) {
          items.push({ title: block.text, page: currentPage(doc) });
          bookmark?.addItem(block.text);
        }
        break;
      }
      case 'paragraph':
        doc
          .font(block.style === 'strong' ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(cover && block.style === 'strong' ? 16 : BODY)
          .fillColor(block.style === 'quiet' ? QUIET : INK)
          .text(block.text, MARGIN, doc.y, { width: contentWidth(doc), lineGap: 2 });
        doc.moveDown(0.5);
        break;
      case 'list':
        drawList(doc, block.items);
        break;
      case 'table':
        drawTable(doc, block.header, block.widths, block.rows);
        break;
      case 'entry':
        drawEntry(doc, block.heading, block.lines);
        break;
    }
  });
  return items;
}

/** A heading is never left alone at the foot of a page: it moves on with the start of what follows it. */
function keepWithNext(doc: Doc, text: string, size: number, next: Block | undefined) {
  const needed = doc.font('Helvetica-Bold').fontSize(size).heightOfString(text, { width: contentWidth(doc) }) + size + startHeight(doc, next);
  if (doc.y + needed > doc.page.maxY()) doc.addPage();
}

/** How much of a block must fit below a heading: a table's header and first row, an entry whole, three lines of anything else. */
function startHeight(doc: Doc, block: Block | undefined): number {
  const width = contentWidth(doc);
  const lines = BODY * 1.4 * 3;
  if (!block) return 0;
  switch (block.kind) {
    case 'table':
      return firstRowsHeight(doc, block.header, block.widths, block.rows);
    case 'entry':
      return Math.min(entryHeight(doc, block.heading, block.lines), doc.page.maxY() - MARGIN - lines * 2);
    case 'paragraph':
      return Math.min(doc.font('Helvetica').fontSize(BODY).heightOfString(block.text, { width, lineGap: 2 }), lines);
    default:
      return lines;
  }
}

function drawList(doc: Doc, items: readonly string[]) {
  const indent = 16;
  doc.font('Helvetica').fontSize(BODY).fillColor(INK);
  for (const item of items) {
    const height = doc.heightOfString(item, { width: contentWidth(doc) - indent, lineGap: 2 });
    if (doc.y + Math.min(height, BODY * 3) > doc.page.maxY()) doc.addPage();
    const y = doc.y;
    doc.text('•', MARGIN, y, { width: indent, lineBreak: false });
    doc.text(item, MARGIN + indent, y, { width: contentWidth(doc) - indent, lineGap: 2 });
    doc.x = MARGIN;
    doc.moveDown(0.3);
  }
  doc.moveDown(0.3);
}

function entryHeight(doc: Doc, heading: string, lines: readonly string[]): number {
  const width = contentWidth(doc);
  const headingHeight = doc.font('Helvetica-Bold').fontSize(BODY).heightOfString(heading, { width });
  doc.font('Helvetica').fontSize(BODY);
  return headingHeight + lines.reduce((sum, line) => sum + doc.heightOfString(line, { width, lineGap: 2 }) + 3, 0) + 10;
}

/** An entry of the record, on one page where it fits. */
function drawEntry(doc: Doc, heading: string, lines: readonly string[]) {
  const width = contentWidth(doc);
  const height = entryHeight(doc, heading, lines);
  if (doc.y + height > doc.page.maxY() && height < doc.page.maxY() - MARGIN) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(BODY).fillColor(INK).text(heading, MARGIN, doc.y, { width });
  doc.moveDown(0.15);
  doc.font('Helvetica').fontSize(BODY);
  for (const line of lines) {
    doc.text(line, MARGIN, doc.y, { width, lineGap: 2 });
    doc.moveDown(0.15);
  }
  doc.moveDown(0.6);
}

const CELL_PADDING: [number, number, number, number] = [5, 6, 5, 6];

/** The header and the first row (or the first row alone): they move on together rather than leave a header alone at the foot of a page. */
function firstRowsHeight(doc: Doc, header: readonly string[], widths: readonly number[], rows: readonly (readonly string[])[]): number {
  const width = contentWidth(doc);
  const first = [...(header.length ? [header] : []), ...rows.slice(0, 1)];
  return first.reduce((sum, row, r) => {
    doc.font(header.length && r === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
    return sum + Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! * width - CELL_PADDING[1] - CELL_PADDING[3] }))) + CELL_PADDING[0] + CELL_PADDING[2];
  }, 0);
}

function drawTable(doc: Doc, header: readonly string[], widths: readonly number[], rows: readonly (readonly string[])[]) {
  const width = contentWidth(doc);
  if (doc.y + firstRowsHeight(doc, header, widths, rows) > doc.page.maxY()) doc.addPage();
  doc.font('Helvetica').fontSize(BODY).fillColor(INK);
  doc.table({
    position: { x: MARGIN, y: doc.y },
    maxWidth: width,
    columnStyles: widths.map((share) => share * width),
    rowStyles: (row: number) => (header.length && row === 0 ? { font: { src: 'Helvetica-Bold' }, backgroundColor: SHADE } : {}),
    defaultStyle: { border: 0.5, borderColor: RULE, padding: CELL_PADDING },
    data: [...(header.length ? [[...header]] : []), ...rows.map((row) => [...row])],
  });
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

const INDEX_PLACEHOLDER = '000';

type IndexRow = [PDFKit.Mixins.CellOptions, PDFKit.Mixins.CellOptions];

function drawIndex(doc: Doc, content: BundleContent, known: BundleLayout | null) {
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text('Index', { width: contentWidth(doc) });
  doc.moveDown(0.6);
  const range = (first: number | undefined, last: number | undefined) =>
    first === undefined || last === undefined ? `${INDEX_PLACEHOLDER}–${INDEX_PLACEHOLDER}` : first === last ? `${first}` : `${first}–${last}`;
  const bold = { src: 'Helvetica-Bold' };
  const part = (title: string, pages: string): IndexRow => [{ text: title, font: bold }, { text: pages, font: bold }];
  // A section's main items sit under it, indented and quieter.
  const item = (title: string, page: string): IndexRow => [
    { text: title, textColor: QUIET, padding: [3, 6, 3, 22] },
    { text: page, textColor: QUIET, padding: [3, 6, 3, 6] },
  ];
  const rows: IndexRow[] = [part('Cover', range(known?.cover.firstPage, known?.cover.lastPage)), part('Index', range(known?.index.firstPage, known?.index.lastPage))];
  content.sections.forEach((section, s) => {
    const pages = known?.sections[s];
    rows.push(part(`${section.id}. ${section.title}`, range(pages?.firstPage, pages?.lastPage)));
    const headings = section.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.indexed);
    headings.forEach((heading, i) => rows.push(item(heading.text, `${pages?.items[i]?.page ?? INDEX_PLACEHOLDER}`)));
  });
  const width = contentWidth(doc);
  doc.font('Helvetica').fontSize(BODY);
  doc.table({
    position: { x: MARGIN, y: doc.y },
    maxWidth: width,
    columnStyles: [width - 90, 90],
    rowStyles: (row: number) => (row === 0 ? { font: bold, backgroundColor: SHADE } : {}),
    defaultStyle: { border: 0.5, borderColor: RULE, padding: CELL_PADDING },
    data: [['Section', 'Pages'], ...rows],
  });
  doc.x = MARGIN;
}

/** "Appeal EH202/25/00123 · Page 3 of 41" at the foot of every page, drawn once the number of pages is known. */
function drawFooters(doc: Doc, footer: string, total: number) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    // Below the body's bottom margin: lift the margin while the footer is written so no page is added for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(QUIET)
      .text(`${footer}   ·   Page ${i + 1} of ${total}`, MARGIN, doc.page.height - BOTTOM + 30, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
