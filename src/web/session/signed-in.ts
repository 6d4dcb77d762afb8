import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRole } from '../../domain/roles.js';
import type { Actor } from '../../ledger/envelope.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    actor: Actor;
    /** When the person last made a request (ms): the idle timeout runs from here. */
    lastSeen: number;
    /** How they signed in: "development" or "openid-connect". */
    signedInWith: string;
    /** Where to go once signed in, and the OIDC state, nonce and PKCE verifier while a sign-in is under way. */
    returnTo: string;
    oidc: { state: string; nonce: string; codeVerifier: string };
    /** A message to show once on the next page (signed out after being idle, for example). */
    notice: string;
    /** What the person just did was recorded: said once, as a success, on the next page. */
    success: string;
    _csrf: string;
  }
}

const isActor = (value: unknown): value is Actor =>
  typeof value === 'object' && value !== null && typeof (value as Actor).id === 'string' && typeof (value as Actor).displayName === 'string' &&
  isRole((value as Actor).role) && typeof (value as Actor).organisation === 'string';

/** Start a signed-in session: a fresh cookie (nothing from before sign-in carries over, so no session fixation). */
export function signIn(request: FastifyRequest, actor: Actor, signedInWith: string, now: number): string {
  const returnTo = request.session.get('returnTo');
  request.session.regenerate();
  request.session.set('actor', actor);
  request.session.set('lastSeen', now);
  request.session.set('signedInWith', signedInWith);
  return safeReturnTo(returnTo);
}

export function signOut(request: FastifyRequest, notice?: string): void {
  request.session.regenerate();
  if (notice) request.session.set('notice', notice);
}

/** Only a path on this service: never an absolute or protocol-relative URL someone could put in a link. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%:]*$/.test(value) ? value : '/';
}

/**
 * The person a page acts for, from the encrypted session cookie; signed out after `idleMinutes` without a
 * request. The API's bearer tokens play no part here, and this cookie plays none in the API.
 */
export function sessionActor(idleMinutes: number, now: () => number) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = request.session.get('actor');
    request.actor = null;
    if (!isActor(actor)) return;
    const lastSeen = request.session.get('lastSeen') ?? 0;
    if (now() - lastSeen > idleMinutes * 60_000) {
      signOut(request, `You were signed out because you had not done anything for ${idleMinutes} minutes. Sign in again to carry on.`);
      return;
    }
    request.session.set('lastSeen', now());
    request.actor = actor;
  };
}

/** A notice to show once, then forgotten: a success (what they did was recorded) or information. */
export function takeNotice(request: FastifyRequest): { text: string; success: boolean } | undefined {
  for (const kind of ['success', 'notice'] as const) {
    const text = request.session.get(kind);
    if (text === undefined) continue;
    request.session.set(kind, undefined);
    return { text, success: kind === 'success' };
  }
  return undefined;
}
