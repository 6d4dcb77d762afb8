import { isRole, type Role } from '../../domain/roles.js';
import type { Actor } from '../../ledger/envelope.js';

/** Which claims say who the person is, and how the provider's role values map to the ledger's (configuration). */
export interface ClaimMapping {
  roleClaim: string;
  organisationClaim: string;
  nameClaim: string;
  /** Provider role value to ledger role; a value that is already a ledger role stands as it is. */
  roleMap: Readonly<Record<string, string>>;
}

/** Why a signed-in person cannot act in the ledger: which claim, and what was wrong with it, in words. */
export interface ClaimProblem {
  claim: string;
  problem: string;
}

export type ClaimsToActor = { ok: true; actor: Actor } | { ok: false; refusal: ClaimProblem };

/** A claim's values as text: a string or number, or a list of them (Entra ID's `roles` is a list). */
function valuesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list
    .map((v) => (typeof v === 'number' ? String(v) : v))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '' && v.isWellFormed())
    .map((v) => v.trim());
}

const single = (claims: Record<string, unknown>, name: string): string | undefined => {
  const values = [...new Set(valuesOf(claims[name]))];
  return values.length === 1 ? values[0] : undefined;
};

const MAX_LENGTH = 200;

/**
 * The ledger's actor for a person the identity provider signed in: `sub` is their id, and the configured claims
 * give their name, role and organisation (an LA code or a setting's URN). Someone whose claims do not give one
 * ledger role and one organisation is refused, with the claim named, rather than let in with a guess.
 */
export function claimsToActor(claims: Record<string, unknown>, mapping: ClaimMapping): ClaimsToActor {
  const refuse = (claim: string, problem: string): ClaimsToActor => ({ ok: false, refusal: { claim, problem } });

  const id = typeof claims['sub'] === 'string' ? claims['sub'] : '';
  if (id === '' || id.length > MAX_LENGTH || !id.isWellFormed()) return refuse('sub', 'the identity provider did not say who you are');

  const providerRoles = valuesOf(claims[mapping.roleClaim]);
  if (providerRoles.length === 0) return refuse(mapping.roleClaim, 'your account has no role');
  const roles = [...new Set(providerRoles.map((r) => (Object.hasOwn(mapping.roleMap, r) ? mapping.roleMap[r] : r)).filter((r): r is Role => isRole(r)))];
  if (roles.length === 0) return refuse(mapping.roleClaim, `your account’s role (${providerRoles.join(', ')}) is not one SEND Ledger knows`);
  if (roles.length > 1) return refuse(mapping.roleClaim, `your account has more than one role SEND Ledger knows (${providerRoles.join(', ')}), so it cannot tell which you are acting as`);

  const organisation = single(claims, mapping.organisationClaim);
  if (organisation === undefined || organisation.length > MAX_LENGTH) {
    return refuse(mapping.organisationClaim, valuesOf(claims[mapping.organisationClaim]).length > 1 ? 'your account names more than one organisation' : 'your account does not say which organisation you work for');
  }

  const given = [single(claims, 'given_name'), single(claims, 'family_name')].filter(Boolean).join(' ');
  const displayName = single(claims, mapping.nameClaim) ?? (given || undefined);
  if (displayName === undefined || displayName.length > MAX_LENGTH) return refuse(mapping.nameClaim, 'your account does not give your name');

  return { ok: true, actor: { id, displayName, role: roles[0]!, organisation } };
}
