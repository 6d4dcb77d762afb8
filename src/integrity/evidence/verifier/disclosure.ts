import { CLEARTEXT_CHILD_EVENT_TYPES } from '../../../domain/child-record/events.js';
import { canonicalJson } from '../../../ledger/canonical-json.js';
import type { JsonObject } from '../../../ledger/envelope.js';
import { ENTRY_KEY_DERIVATION, KEY_COMMITMENT_PREFIX } from '../../../privacy/entry-key-names.js';
import { equalBytes, fromBase64, fromHex, fromUtf8, utf8 } from './bytes.js';
import { aesGcmOpen, sha256 } from './web-crypto.js';

/** What an entry's stored bytes let a reader see, given the key the bundle discloses for it (if any). */
export type Disclosure =
  | { kind: 'plain'; data: JsonObject }
  | { kind: 'opened'; data: JsonObject }
  | { kind: 'undisclosed'; sealedBeforeEntryKeys: boolean }
  | { kind: 'refused'; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Open one entry's data. Types kept in the clear (an erasure, a legal hold) carry their data in the hashed bytes;
 * every other child entry is sealed, and opens only under the key its hashed bytes commit to (SHA-256 of the
 * commitment prefix and the key), so the words shown are the words the ledger committed to.
 */
export async function discloseEntry(body: { eventId: string; streamId: string; type: string; data: unknown }, entryKey: string | undefined): Promise<Disclosure> {
  const sealed = body.data;
  if (CLEARTEXT_CHILD_EVENT_TYPES.has(body.type)) {
    if (entryKey !== undefined) return { kind: 'refused', problem: 'it is kept in the clear, yet the bundle gives it a key' };
    return isObject(sealed) ? { kind: 'plain', data: sealed as JsonObject } : { kind: 'refused', problem: 'its data is not an object' };
  }
  if (!isObject(sealed) || sealed['$enc'] !== 'aes-256-gcm') {
    return { kind: 'refused', problem: "its data is not encrypted, yet every entry of a child's record is (erasures and legal holds aside): it was written outside the ledger" };
  }
  const withEntryKey = sealed['keyDerivation'] === ENTRY_KEY_DERIVATION;
  if (entryKey === undefined) return { kind: 'undisclosed', sealedBeforeEntryKeys: !withEntryKey };
  if (!withEntryKey) return { kind: 'refused', problem: 'it was sealed under the whole record\'s key, so no key of its own can open it, yet the bundle gives one' };

  const key = fromBase64(entryKey);
  const commitment = fromHex(sealed['keyCommitment']);
  if (!key || key.length !== 32) return { kind: 'refused', problem: 'its disclosed key is not 32 bytes of base64' };
  if (!commitment || !equalBytes(await sha256(utf8(KEY_COMMITMENT_PREFIX), key), commitment)) {
    return { kind: 'refused', problem: 'its disclosed key is not the key its hashed bytes commit to' };
  }
  const [iv, ct, tag] = [fromBase64(sealed['iv']), fromBase64(sealed['ct']), fromBase64(sealed['tag'])];
  if (!iv || !ct || !tag) return { kind: 'refused', problem: 'its sealed data is not well-formed base64' };
  const plain = await aesGcmOpen(key, iv, ct, tag, utf8(canonicalJson({ eventId: body.eventId, streamId: body.streamId })));
  if (!plain) return { kind: 'refused', problem: 'its sealed data does not open under its key: the ciphertext was altered or moved' };
  let text: string;
  let data: unknown;
  try {
    text = fromUtf8(plain);
    data = JSON.parse(text);
  } catch {
    return { kind: 'refused', problem: 'its opened data is not JSON' };
  }
  if (!isObject(data) || canonicalJson(data) !== text) return { kind: 'refused', problem: 'its opened data is not a canonical JSON object' };
  return { kind: 'opened', data: data as JsonObject };
}
