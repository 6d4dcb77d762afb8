/// <reference lib="dom" />
import type { WitnessPolicy } from '../../witness/cosignature.js';
import type { VerifyOptions } from '../verifier/verify-evidence-bundle.js';
import { checkBundleText, summariseVerification, type VerificationSummary } from './check-bundle-text.js';
import { fill, h } from './dom.js';
import { saveLinks } from './downloads.js';
import { manifestSection } from './manifest-section.js';
import { recordSection } from './record-section.js';
import { resultPanel } from './result-panel.js';
import { technicalDetails } from './technical-details.js';
import { trustAnchors } from './trust-anchors.js';

/**
 * The offline verifier page's script: checks the bundle embedded in the page on open, and any bundle file the
 * reader chooses or drops, against the trust anchors the reader gives, with the Node CLI's own checks.
 */

declare global {
  interface Window {
    /** For tests: check a bundle's file text in this page and answer the verdict as plain JSON. */
    sendLedgerVerify: (bundleJsonText: string, options?: VerifyOptions) => Promise<VerificationSummary>;
  }
}

const state = {
  text: null as string | null,
  ledgerKeyId: null as string | null,
  witnessPolicy: null as WitnessPolicy | null,
  policyFile: null as string | null,
};
let latest = 0;

function options(): VerifyOptions {
  return { ...(state.ledgerKeyId ? { ledgerKeyId: state.ledgerKeyId } : {}), ...(state.witnessPolicy ? { witnessPolicy: state.witnessPolicy } : {}) };
}

function problem(message: string): void {
  fill('result', h('div', { class: 'panel panel--failed' }, h('h2', {}, h('span', { 'aria-hidden': 'true' }, '✗ '), 'NOT VERIFIED'), h('p', {}, message)));
}

/** Check the current bundle text and show everything the check found; a later check supersedes one still running. */
async function check(): Promise<void> {
  const run = ++latest;
  if (state.text === null) return;
  fill('result', h('div', { class: 'panel panel--checking' }, h('p', {}, 'Checking the bundle…')));
  try {
    performance.mark('send-ledger:check-started');
    const { verification, bundle } = await checkBundleText(state.text, options());
    performance.mark('send-ledger:checked');
    if (run !== latest) return;
    fill('result', resultPanel(verification, bundle));
    // Let the verdict show before the record (hundreds of entries for a long one) is laid out beneath it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (run !== latest) return;
    fill('downloads', saveLinks(verification, state.text));
    fill('anchors', trustAnchors(verification, { ledgerKeyId: state.ledgerKeyId, policyFile: state.policyFile }));
    fill('manifest', manifestSection(verification));
    fill('record', recordSection(verification));
    fill('technical', technicalDetails(verification, bundle));
    performance.mark('send-ledger:shown');
  } catch (error) {
    if (run === latest) problem(`The check could not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readBundleFile(file: File): Promise<void> {
  state.text = await file.text();
  await check();
  document.getElementById('verdict')?.closest('.panel')?.scrollIntoView({ block: 'start' });
}

async function readPolicyFile(file: File): Promise<void> {
  try {
    const policy = JSON.parse(await file.text()) as WitnessPolicy;
    if (!policy || !Array.isArray(policy.witnesses) || typeof policy.required !== 'number') throw new Error('not a policy');
    state.witnessPolicy = policy;
    state.policyFile = file.name;
    fill(
      'witness-policy-actions',
      h('button', { type: 'button', class: 'button button--secondary', id: 'use-bundle-policy' }, 'Use the bundle’s own policy instead'),
    );
    document.getElementById('use-bundle-policy')?.addEventListener('click', () => {
      state.witnessPolicy = null;
      state.policyFile = null;
      (document.getElementById('witness-file') as HTMLInputElement).value = '';
      fill('witness-policy-actions');
      void check();
    });
  } catch {
    fill('witness-policy-actions', h('p', { class: 'warning' }, `${file.name} is not a witness policy: it must be JSON with "witnesses" (each a name and a publicKeyPem) and "required".`));
    return;
  }
  await check();
}

function wire(): void {
  document.getElementById('key-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = (document.getElementById('ledger-key') as HTMLInputElement).value.replace(/\s+/g, '').toLowerCase();
    state.ledgerKeyId = typed === '' ? null : typed;
    void check();
  });
  document.getElementById('bundle-file')?.addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void readBundleFile(file);
  });
  document.getElementById('witness-file')?.addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void readPolicyFile(file);
  });
  const zone = document.getElementById('drop-zone');
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone?.classList.add('drop-zone--active');
  });
  document.addEventListener('dragleave', () => zone?.classList.remove('drop-zone--active'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    zone?.classList.remove('drop-zone--active');
    const file = event.dataTransfer?.files[0];
    if (file) void readBundleFile(file);
  });
}

window.sendLedgerVerify = async (bundleJsonText, verifyOptions = {}) => summariseVerification((await checkBundleText(bundleJsonText, verifyOptions)).verification);

wire();
const embedded = document.getElementById('bundle')?.textContent ?? '';
if (embedded.trim() === '') fill('result', h('div', { class: 'panel panel--checking' }, h('p', {}, 'Choose or drop a bundle file (.json) below to check it.')));
else {
  // The page escapes every "<" of the embedded JSON; the reader saves the bundle file as it was exported.
  try {
    state.text = JSON.stringify(JSON.parse(embedded));
  } catch {
    state.text = embedded;
  }
  void check();
}
