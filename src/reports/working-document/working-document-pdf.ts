import type { WorkingDocumentChange, WorkingDocumentModel } from '../../domain/appeal/working-document.js';
import { KEY, KEY_NOTE, TITLE, TRIBUNAL, changeNoteWords, headWords, moveWords, paragraphWords, styleOf, summaryWords, type RunStyle } from './layout-words.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 56;
/** Room below the body for "Page x of y". */
const BOTTOM = 72;
const BODY = 11;
const INK = '#0b0c0c';
const QUIET = '#505a5f';

/** The standard font that sets a style's weight and slant (the key's bold and italic). */
const fontOf = (style: Pick<RunStyle, 'bold' | 'italic'>): string =>
  style.bold && style.italic ? 'Helvetica-BoldOblique' : style.bold ? 'Helvetica-Bold' : style.italic ? 'Helvetica-Oblique' : 'Helvetica';

export interface RenderedWorkingDocument {
  pdf: Buffer;
  /** How many pages it takes: the tribunal limits the working document to 25. */
  pages: number;
}

/**
 * The working document on paper, for the bundle: the same content and key as the .docx, each section's footnotes
 * numbered at its end, and every page numbered "Page x of y".
 */
export async function renderWorkingDocumentPdf(model: WorkingDocumentModel): Promise<RenderedWorkingDocument> {
  // Loaded on first use: pdfkit is heavy to load and most requests never make a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc: Doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: MARGIN, bottom: BOTTOM, left: MARGIN, right: MARGIN },
    info: { Title: TITLE, Creator: 'SEND Ledger', Producer: 'SEND Ledger' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const plain = (size = BODY, colour = INK) => doc.font('Helvetica').fontSize(size).fillColor(colour);
  const heading = (text: string, size = 14) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(size).fillColor(INK).text(text, { underline: false, strike: false });
    doc.moveDown(0.3);
    plain();
  };
  const styled = (text: string, style: RunStyle, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font(fontOf(style)).fontSize(BODY).fillColor(INK).text(text, { underline: style.underline, strike: style.strike, ...options });

  const change = (item: WorkingDocumentChange) => {
    doc.moveDown(0.3);
    styled(item.wording, styleOf(item), { continued: true, lineGap: 3 });
    doc.font('Helvetica').fontSize(8).text(` [${item.footnote}]`, { underline: false, strike: false });
    // Clear of the underline of an agreed change's last line.
    doc.moveDown(0.3);
    plain(9, QUIET).text(changeNoteWords(item));
    plain();
  };

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(TITLE);
  plain(10, QUIET).text(TRIBUNAL).moveDown(0.6);
  for (const row of headWords(model)) {
    doc.font('Helvetica-Bold').fontSize(BODY).fillColor(INK).text(`${row.label}: `, { continued: true });
    plain().text(row.value);
  }

  heading('Key');
  for (const line of KEY) styled(line.text, line.style);
  plain().text(KEY_NOTE);

  heading('Where the parties stand');
  plain().text(summaryWords(model));

  for (const section of model.sections) {
    heading(section.heading);
    const notes: WorkingDocumentChange[] = [];
    for (const block of section.blocks) {
      if (block.kind === 'plan') {
        doc.moveDown(0.4);
        plain().text(paragraphWords(block.paragraph));
      } else {
        change(block.change);
        notes.push(block.change);
      }
    }
    if (notes.length > 0) {
      doc.moveDown(0.5);
      plain(9, QUIET).text('Evidence cited', { underline: true });
      for (const note of notes) plain(9, QUIET).text(`[${note.footnote}] ${model.footnotes[note.footnote - 1]!.text}`);
      plain();
    }
  }

  heading('Who moved when');
  if (model.moves.length === 0) plain().text('No change has been proposed yet.');
  for (const move of model.moves) plain().text(moveWords(move), { indent: 10 });

  // Numbered once every page exists: "Page x of y".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    plain(9, QUIET).text(`Page ${i + 1} of ${range.count}    ${model.versionWords}`, MARGIN, doc.page.height - 44, {
      width: doc.page.width - MARGIN * 2,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return { pdf: await ended, pages: range.count };
}
