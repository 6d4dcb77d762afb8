import { z } from 'zod';
import type { CosignRequest } from '../integrity/witness/witness-protocol.js';

const HASH = /^[0-9a-f]{64}$/;
/** An ISO 8601 instant in UTC, as toISOString writes it: one spelling, so two heads' times compare without surprises. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const Head = z.strictObject({
  treeSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(HASH, 'must be 64 lower-case hex digits (a SHA-256 root)'),
  timestamp: z
    .string()
    .regex(INSTANT, 'must be an ISO 8601 instant in UTC, such as 2025-01-17T09:30:00.000Z')
    // Date.parse is lenient (30 February becomes 2 March): the instant must read back as written.
    .refine((value) => {
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === value.slice(0, 19);
    }, 'is not a real date and time'),
  keyId: z.string().regex(HASH, 'must be 64 lower-case hex digits (the ledger key id)'),
  signature: z.string().min(1).max(200),
});

const Request = z.strictObject({
  head: Head,
  consistency: z
    .strictObject({
      fromSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      // A consistency proof has at most about two hashes per level of a tree of 2^53 entries.
      proof: z.array(z.string().regex(HASH, 'every proof element must be 64 lower-case hex digits')).max(128),
    })
    .nullable(),
});

/** The request as the witness can judge it, or what is wrong with it in one sentence. */
export function parseCosignRequest(body: unknown): { ok: true; request: CosignRequest } | { ok: false; message: string } {
  const parsed = Request.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the body';
  return { ok: false, message: `${where}: ${issue.message}` };
}
