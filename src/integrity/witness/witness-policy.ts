import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { keyIdOf } from '../signing-key.js';
import type { WitnessPolicy } from './cosignature.js';

/** A witness policy file that cannot be used, in a sentence naming the file and what is wrong. */
export class WitnessPolicyError extends Error {
  override name = 'WitnessPolicyError';
}

const isEd25519PublicKey = (pem: string) => {
  try {
    return !pem.includes('PRIVATE KEY') && createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
};

const PolicySchema = z
  .strictObject({
    witnesses: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, 'must name the witness').max(200),
          publicKeyPem: z.string().refine(isEd25519PublicKey, 'must be an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----)'),
        }),
      )
      .min(1, 'must list at least one witness'),
    required: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1: a policy that needs no witness checks nothing'),
  })
  .superRefine((policy, ctx) => {
    if (policy.required > policy.witnesses.length) {
      ctx.addIssue({ code: 'custom', path: ['required'], message: `needs ${policy.required} witnesses but the policy lists ${policy.witnesses.length}` });
    }
    const seen = new Map<string, string>();
    policy.witnesses.forEach((witness, i) => {
      // A key that is not one is reported by its own check above.
      if (!isEd25519PublicKey(witness.publicKeyPem)) return;
      const id = keyIdOf(witness.publicKeyPem);
      const other = seen.get(id);
      // One key listed twice would count as one witness, so the policy could never be met as written.
      if (other) ctx.addIssue({ code: 'custom', path: ['witnesses', i, 'publicKeyPem'], message: `is the same key as ${other}'s` });
      else seen.set(id, witness.name);
    });
  });

/** A witness policy from JSON already read: which witness keys a reader trusts and how many must have co-signed. */
export function parseWitnessPolicy(value: unknown, source = 'the witness policy'): WitnessPolicy {
  const parsed = PolicySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the policy'} ${issue.message}`);
  throw new WitnessPolicyError(`${source} is not a witness policy: ${problems.join('; ')}`);
}

/**
 * A witness policy file: JSON `{ "witnesses": [{ "name": ..., "publicKeyPem": ... }], "required": n }`.
 * Throws a WitnessPolicyError that names the file and every problem.
 */
export function loadWitnessPolicy(file: string): WitnessPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WitnessPolicyError(`cannot read the witness policy ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WitnessPolicyError(`the witness policy ${file} is not JSON`);
  }
  return parseWitnessPolicy(value, `the witness policy ${file}`);
}
