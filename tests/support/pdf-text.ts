import { inflateSync } from 'node:zlib';

/**
 * The text a person reads in a PDF this service renders (pdfkit: deflated content streams, text shown as hex
 * strings in TJ arrays with the standard fonts), one string per line shown, in page order. Enough for tests to
 * check what is printed; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  const source = pdf.toString('latin1');
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(source); match; match = streams.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const shown of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const text = [...shown[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join('');
      lines.push(text);
    }
  }
  return lines;
}
