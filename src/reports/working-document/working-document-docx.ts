import type { WorkingDocumentChange, WorkingDocumentModel } from '../../domain/appeal/working-document.js';
import { KEY, KEY_NOTE, TITLE, TRIBUNAL, changeNoteWords, headWords, moveWords, paragraphWords, styleOf, summaryWords, type RunStyle } from './layout-words.js';

type Docx = typeof import('docx');

/** Only what the key sets: a run that is not bold has no bold property at all, as Word writes it. */
const runOptions = (style: RunStyle) => ({
  ...(style.bold ? { bold: true } : {}),
  ...(style.italic ? { italics: true } : {}),
  ...(style.strike ? { strike: true } : {}),
  ...(style.underline ? { underline: { type: 'single' as const } } : {}),
});

/**
 * The working document as a Word file, for the parties to edit: the key set in its own formatting, each change in
 * its hand with a footnote citing its evidence, and "Page x of y" in the footer.
 */
export async function renderWorkingDocumentDocx(model: WorkingDocumentModel): Promise<Buffer> {
  // Loaded on first use, like pdfkit: most requests never make a document.
  const docx: Docx = await import('docx');
  const { AlignmentType, Document, Footer, FootnoteReferenceRun, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } = docx;

  const quiet = (text: string) => new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text, size: 20, color: '505A5F' })] });
  const changeParagraphs = (change: WorkingDocumentChange) => [
    new Paragraph({
      spacing: { before: 80, after: 40 },
      children: [new TextRun({ text: change.wording, ...runOptions(styleOf(change)) }), new FootnoteReferenceRun(change.footnote)],
    }),
    quiet(changeNoteWords(change)),
  ];

  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: TITLE })] }),
    new Paragraph({ children: [new TextRun({ text: TRIBUNAL })] }),
    ...headWords(model).map((row) => new Paragraph({ children: [new TextRun({ text: `${row.label}: `, bold: true }), new TextRun({ text: row.value })] })),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: 'Key' })] }),
    ...KEY.map((line) => new Paragraph({ children: [new TextRun({ text: line.text, ...runOptions(line.style) })] })),
    new Paragraph({ children: [new TextRun({ text: KEY_NOTE })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: 'Where the parties stand' })] }),
    new Paragraph({ children: [new TextRun({ text: summaryWords(model) })] }),
    ...model.sections.flatMap((section) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: section.heading })] }),
      ...section.blocks.flatMap((block) =>
        block.kind === 'plan' ? [new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: paragraphWords(block.paragraph) })] })] : changeParagraphs(block.change),
      ),
    ]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: 'Who moved when' })] }),
    ...(model.moves.length === 0 ? [new Paragraph('No change has been proposed yet.')] : model.moves.map((move) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(moveWords(move))] }))),
  ];

  const document = new Document({
    creator: 'SEND Ledger',
    title: TITLE,
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    footnotes: Object.fromEntries(model.footnotes.map((note) => [note.number, { children: [new Paragraph(note.text)] }])),
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }), new TextRun({ text: `   ${model.versionWords}` })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
