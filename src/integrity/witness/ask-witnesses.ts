import { z } from 'zod';
import type { EventStore } from '../../store/port.js';
import { consistencyProofBetween } from '../proofs.js';
import { keyIdOf } from '../signing-key.js';
import type { SignedTreeHead } from '../tree-head.js';
import { checkCosignatures, type Cosignature } from './cosignature.js';
import { keepCosignature } from './kept-cosignatures.js';
import { WITNESS_PATHS, type CosignRequest, type WitnessInfo, type WitnessRefusalCode } from './witness-protocol.js';

export interface AskWitnessesDeps {
  store: EventStore;
  witnesses: { url: string }[];
  fetch?: typeof fetch;
  /** Per request to a witness (default 5 seconds). */
  timeoutMs?: number;
  clock?: () => Date;
}

export interface WitnessRefusalReport {
  url: string;
  reason: string;
  /** The witness's own code when it refused; UNREACHABLE when it could not be asked; BAD_ANSWER when its answer was no use. */
  code: WitnessRefusalCode | 'UNREACHABLE' | 'BAD_ANSWER';
}

export interface WitnessAnswers {
  cosignatures: Cosignature[];
  refusals: WitnessRefusalReport[];
}

const Info = z.object({ name: z.string().min(1), keyId: z.string(), publicKeyPem: z.string() });
const Latest = z.object({ treeSize: z.number().int().min(0), rootHash: z.string(), timestamp: z.string() });
const CosignatureAnswer = z.object({ witness: z.string(), witnessKeyId: z.string(), cosignedAt: z.string(), signature: z.string() });
const Refusal = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Why a witness gave no co-signature, as askWitnesses reports it. */
class NoCosignature extends Error {
  constructor(
    readonly code: WitnessRefusalReport['code'],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Send a signed head to every configured witness, each with the consistency proof from the last head it
 * co-signed for this ledger, and keep each co-signature that verifies in the ledger (WITNESS_COSIGNATURE_STREAM).
 * A witness that is down, slow, refuses or answers nonsense is reported in `refusals`, never thrown: the ledger
 * goes on without it. (A failure of the ledger's own store is thrown.)
 */
export async function askWitnesses(deps: AskWitnessesDeps, head: SignedTreeHead): Promise<WitnessAnswers> {
  const proofs = new Map<number, ReturnType<typeof consistencyProofBetween>>();
  // One proof per size the witnesses stand at: two witnesses at the same head share the read of the log.
  const proofFrom = (size: number) => {
    if (!proofs.has(size)) proofs.set(size, consistencyProofBetween(deps.store, size, head.treeSize));
    return proofs.get(size)!;
  };
  const answers = await Promise.all(
    deps.witnesses.map(async ({ url }) => {
      try {
        return { url, cosignature: await askOne(deps, url, head, proofFrom) };
      } catch (error) {
        if (error instanceof NoCosignature) return { url, refusal: { url, reason: error.message, code: error.code } };
        throw error;
      }
    }),
  );
  const cosignatures: Cosignature[] = [];
  const refusals: WitnessRefusalReport[] = [];
  for (const answer of answers) {
    if (answer.cosignature) cosignatures.push(answer.cosignature);
    else if (answer.refusal) refusals.push(answer.refusal);
  }
  return { cosignatures, refusals };
}

async function askOne(
  deps: AskWitnessesDeps,
  base: string,
  head: SignedTreeHead,
  proofFrom: (size: number) => ReturnType<typeof consistencyProofBetween>,
): Promise<Cosignature> {
  const call = (path: string, init?: RequestInit) => request(deps, base, path, init);

  const infoAnswer = await call(WITNESS_PATHS.info);
  if (infoAnswer.status !== 200) throw new NoCosignature('BAD_ANSWER', `it answered ${WITNESS_PATHS.info} with status ${infoAnswer.status}`);
  const info = parseAnswer(Info, infoAnswer.body, 'what it says about itself');
  const witness = trustedInfo(info);

  const latestAnswer = await call(WITNESS_PATHS.latest(head.keyId));
  let consistency: CosignRequest['consistency'] = null;
  if (latestAnswer.status === 200) {
    const latest = parseAnswer(Latest, latestAnswer.body, 'the last head it co-signed');
    // Nothing to prove from the empty log, nor to the same size; a smaller head than its last is for it to refuse.
    if (latest.treeSize > 0 && latest.treeSize < head.treeSize) {
      const proof = await proofFrom(latest.treeSize);
      if (proof) consistency = { fromSize: proof.oldSize, proof: proof.proof };
    }
  } else if (latestAnswer.status !== 404) {
    throw new NoCosignature('BAD_ANSWER', `it answered the question of its last head with status ${latestAnswer.status}`);
  }

  const body: CosignRequest = { head, consistency };
  const answer = await call(WITNESS_PATHS.cosign, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.status !== 200) {
    const refusal = Refusal.safeParse(answer.body);
    if (!refusal.success) throw new NoCosignature('BAD_ANSWER', `it refused with status ${answer.status} and no reason`);
    const code = (['NOT_CONSISTENT', 'UNKNOWN_LEDGER_KEY', 'BAD_SIGNATURE', 'BAD_INPUT'] as const).find((c) => c === refusal.data.error.code) ?? 'BAD_ANSWER';
    throw new NoCosignature(code, `${witness.name} refused (${refusal.data.error.code}): ${refusal.data.error.message}`);
  }
  const cosignature = parseAnswer(CosignatureAnswer, answer.body, 'its co-signature');
  // Kept only if it verifies under the key the witness gave: a bad one in the ledger would be worse than none.
  const check = await checkCosignatures(head, [cosignature], { witnesses: [witness], required: 1 });
  if (!check.ok) throw new NoCosignature('BAD_ANSWER', `${witness.name} sent a co-signature that does not verify: ${check.problems.join('; ')}`);
  await keepCosignature(deps.store, head, cosignature, deps.clock);
  return cosignature;
}

/** The witness's key as it gives it, with its id computed here rather than taken from its word. */
function trustedInfo(info: WitnessInfo): { name: string; publicKeyPem: string } {
  let keyId: string;
  try {
    keyId = keyIdOf(info.publicKeyPem);
  } catch {
    throw new NoCosignature('BAD_ANSWER', 'its public key is not a key in PEM form');
  }
  if (keyId !== info.keyId) throw new NoCosignature('BAD_ANSWER', 'the key id it gives is not the id of the public key it gives');
  return { name: info.name, publicKeyPem: info.publicKeyPem };
}

function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new NoCosignature('BAD_ANSWER', `${what} is not in the witness protocol's form`);
  return parsed.data;
}

async function request(deps: AskWitnessesDeps, base: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const doFetch = deps.fetch ?? fetch;
  const url = `${base.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await doFetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(deps.timeoutMs ?? 5000) });
  } catch (error) {
    const why = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? `no answer within ${deps.timeoutMs ?? 5000} ms` : describe(error);
    throw new NoCosignature('UNREACHABLE', `could not reach the witness: ${why}`);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // reported by the caller as an answer not in the protocol's form
  }
  return { status: response.status, body };
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
