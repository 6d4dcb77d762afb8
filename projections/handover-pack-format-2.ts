import { createHash } from 'node:crypto';
import type { IsoDate } from '../src/domain/calendar/iso-date.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';
import { buildHandoverPack } from './handover-pack.js';

/**
 * The handover pack as format 2 built it, before it carried the tribunal's orders and the golden thread's flags, kept
 * only to check the hash a handover recorded then. Format 3 added those two fields and changed nothing else, so format
 * 2 is format 3 without them, marked 2. If a later format changes any other field, freeze a copy of format 2's
 * builder here (as handover-pack-format-1.ts does for format 1): a recorded hash is of those exact bytes. Deadlines
 * come from the statutory clocks as they compute today, as in format 1.
 */
export function packHashFormat2(entries: readonly LedgerEntry[], on: IsoDate): string {
  const { tribunalOrders: _orders, goldenThreadFlags: _flags, ...rest } = buildHandoverPack(entries, on);
  return createHash('sha256').update(canonicalJson({ ...rest, format: 2 }), 'utf8').digest('hex');
}
