import { PAGE_STYLES } from './page-styles.js';

/**
 * No network at all: nothing may be fetched, posted or framed from anywhere. Inline script and style are the
 * page itself; blob: URLs are the PDF and the bundle file the reader saves; data: images are the browser's own.
 */
export const VERIFIER_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'object-src blob:',
  'frame-src blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** JSON inside <script type="application/json">: escaping every "<" means no byte of it can close the element. */
export const embeddedJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** Script text inside <script>: a "</script" (or "<!--") in a string of the bundled code must not end the element. */
export const embeddedScript = (code: string): string => code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

/**
 * The page's fixed parts: what it is, how to check without JavaScript, the reader's own inputs (another bundle
 * file, the published key fingerprint, a witness policy), and the places the script fills in.
 */
export function verifierPageHtml(bundleJson: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${VERIFIER_PAGE_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Check an evidence bundle – SEND Ledger</title>
<style>${PAGE_STYLES}</style>
</head>
<body>
<a href="#main" class="skip-link">Skip to main content</a>
<header class="header"><div class="width"><span class="header__title">SEND Ledger</span> <span>Evidence bundle checker</span></div></header>
<div class="width">
<main id="main" tabindex="-1">
<h1>Check an evidence bundle</h1>
<p class="lead">This page checks, on this computer and without any network, that a child’s record in this bundle is exactly what the ledger signed: every signature, every entry, the order of the entries and the readable hearing bundle.</p>
<noscript><div class="warning"><p><strong>Checking the bundle needs JavaScript, which is turned off in this browser.</strong> Turn JavaScript on and open this file again: nothing is sent anywhere, the check runs on this computer.</p><p>Or check the bundle file (.json) with the command line instead: <code>npm run verify-bundle -- bundle.json</code> in a copy of SEND Ledger, which runs the same checks.</p></div></noscript>
<div id="result" role="status" aria-live="polite"><div class="panel panel--checking"><p>Checking the bundle…</p></div></div>
<div id="downloads"></div>

<h2 id="trust-heading">What the check trusts</h2>
<div id="anchors"></div>
<form id="key-form" class="form-group" novalidate>
<label for="ledger-key">Compare with the fingerprint your local authority publishes</label>
<span class="hint" id="ledger-key-hint">The local authority publishes the fingerprint of the key that signs its ledger. Paste it here to check that this bundle was signed by that key and no other (spaces are ignored).</span>
<input type="text" id="ledger-key" name="ledger-key" autocomplete="off" spellcheck="false" aria-describedby="ledger-key-hint">
<button type="submit" class="button button--secondary">Check against this fingerprint</button>
</form>
<div class="form-group">
<label for="witness-file">Use a witness policy of your own (.json)</label>
<span class="hint" id="witness-file-hint">A file listing the witnesses you trust, with their public keys, and how many of them must have co-signed. Without one, the policy the ledger states in the bundle is used.</span>
<input type="file" id="witness-file" accept=".json,application/json" aria-describedby="witness-file-hint">
<div id="witness-policy-actions"></div>
</div>

<h2>Check another bundle file</h2>
<div class="drop-zone" id="drop-zone">
<label for="bundle-file">Choose a bundle file (.json)</label>
<span class="hint" id="bundle-file-hint">Or drop the file anywhere on this page. It is read on this computer and sent nowhere.</span>
<input type="file" id="bundle-file" accept=".json,application/json" aria-describedby="bundle-file-hint">
</div>

<div id="manifest"></div>
<div id="record"></div>
<div id="technical"></div>
</main>
</div>
<script type="application/json" id="bundle">${bundleJson}</script>
<script>${script}</script>
</body>
</html>
`;
}
