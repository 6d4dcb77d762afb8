import type { BundleVerification } from '../verifier/report.js';
import { h } from './dom.js';

let urls: string[] = [];

/** A file the reader can save, as a blob: URL (the page's policy lets nothing else through). */
function saveLink(text: string, bytes: BlobPart, type: string, fileName: string, id: string): HTMLElement {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  urls.push(url);
  return h('a', { class: 'button', href: url, download: fileName, id }, text);
}

const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * "Save the hearing bundle (PDF)": the PDF drawn on this computer from the verified entries (equal to the
 * bundled one byte for byte, or the bundle would not verify), and the bundle file itself.
 */
export function saveLinks(verification: BundleVerification, bundleText: string | null): HTMLElement[] {
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [];
  const manifest = verification.manifest;
  const name = safe(['bundle', manifest?.appeal?.reference ?? manifest?.purpose ?? '', manifest ? `v${manifest.version}` : ''].join('-')).slice(0, 80) || 'bundle';
  const links: HTMLElement[] = [];
  if (verification.ok && verification.regeneratedPdf) {
    links.push(saveLink('Save the hearing bundle (PDF)', new Uint8Array(verification.regeneratedPdf), 'application/pdf', `hearing-${name}.pdf`, 'save-pdf'));
  }
  if (bundleText !== null) links.push(saveLink('Save the bundle file (.json)', bundleText, 'application/json', `evidence-${name}.json`, 'save-json'));
  return links;
}
