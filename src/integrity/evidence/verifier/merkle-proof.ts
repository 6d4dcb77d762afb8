import { concat, equalBytes, utf8 } from './bytes.js';
import { sha256 } from './web-crypto.js';

const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

/** SHA-256(0x00 || canonical bytes): an entry's leaf in the log (RFC 9162 section 2.1.1). */
export const leafOf = (canonical: string): Promise<Uint8Array> => sha256(LEAF, utf8(canonical));

const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;

/**
 * RFC 9162 section 2.1.3.2: does the audit path lead from the leaf at `index` to `root` in a tree of `size` leaves?
 * The same algorithm as merkle/verify.ts, over WebCrypto, so a browser can run it.
 */
export async function reachesRoot(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await sha256(concat(NODE, p, r));
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await sha256(concat(NODE, r, p));
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}
