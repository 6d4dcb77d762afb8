import type { EvidenceBundle } from '../bundle.js';
import { embeddedJson, embeddedScript, verifierPageHtml } from './page-html.js';
import { verifierScript } from './page-script.js';

/**
 * One self-contained HTML file: the verifier and the bundle in one page. Opened in any current browser, with no
 * network, it checks the bundle on open with WebCrypto and shows the record as verified; the reader can also
 * drop another bundle file on it. The checks are the Node CLI's own (verifier/verify-evidence-bundle.ts).
 */
export async function verifierPageFor(bundle: EvidenceBundle): Promise<string> {
  return verifierPageHtml(embeddedJson(bundle), embeddedScript(await verifierScript()));
}
