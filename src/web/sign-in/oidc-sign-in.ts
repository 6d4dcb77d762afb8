import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { Config } from '../../config/config.js';
import { renderPage } from '../pages/page.js';
import { signIn } from '../session/signed-in.js';
import { claimsToActor, type ClaimMapping } from './claims-to-actor.js';

/** What the provider's `error` parameter means for the person who was sent back, in words. */
const PROVIDER_ERRORS: Record<string, string> = {
  access_denied: 'You cancelled signing in, or your organisation’s sign-in service did not allow it.',
  login_required: 'Your organisation’s sign-in service needs you to sign in again.',
  interaction_required: 'Your organisation’s sign-in service needs you to sign in again.',
  consent_required: 'Your organisation’s sign-in service needs you to agree to SEND Ledger using your account.',
  temporarily_unavailable: 'Your organisation’s sign-in service is busy or down for maintenance.',
  server_error: 'Your organisation’s sign-in service had a problem.',
};

/**
 * Sign-in with the organisation's identity provider (OpenID Connect: DfE Sign-in, Microsoft Entra ID...): the
 * authorisation code flow with PKCE (S256), state and nonce kept in the encrypted session cookie for the one
 * round trip. The person's role, organisation and name come from the claims the configuration names; someone
 * they do not place in the ledger is told which claim, and nobody is signed in.
 */
export function registerOpenIdConnectSignIn(app: FastifyInstance, config: Config, now: () => number): void {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = config;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URL) {
    throw new Error('OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL');
  }
  const issuer = new URL(OIDC_ISSUER);
  // A provider on plain http would let anyone on the way read or forge the sign-in: only outside production (tests, a laptop).
  if (issuer.protocol !== 'https:' && config.NODE_ENV === 'production') throw new Error('OIDC_ISSUER must be an https URL in production');
  const insecure = issuer.protocol === 'http:';
  const mapping: ClaimMapping = {
    roleClaim: config.OIDC_ROLE_CLAIM,
    organisationClaim: config.OIDC_ORGANISATION_CLAIM,
    nameClaim: config.OIDC_NAME_CLAIM,
    roleMap: config.OIDC_ROLE_MAP ?? {},
  };

  // Discovered once and kept; a failed discovery is tried again on the next sign-in.
  let discovered: Promise<oidc.Configuration> | null = null;
  const provider = () =>
    (discovered ??= oidc
      .discovery(issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, undefined, { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      }));

  const problem = (request: FastifyRequest, reply: FastifyReply, status: number, heading: string, paragraphs: string[]) =>
    renderPage(request, reply, 'problem.njk', { pageTitle: heading, heading, paragraphs, continueHref: '/sign-in', continueText: 'Go back to the sign-in page' }, status);
  const unreachable = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    request.log.warn({ err: error }, 'the OpenID Connect provider could not be reached');
    return problem(request, reply, 503, 'Sign-in is not working at the moment', [
      'SEND Ledger could not reach your organisation’s sign-in service. Nobody has been signed in. Try again in a few minutes.',
    ]);
  };

  app.get('/sign-in/oidc', { config: { public: true } }, async (request, reply) => {
    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch (error) {
      return unreachable(request, reply, error);
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    request.session.set('oidc', { state, nonce, codeVerifier });
    const to = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: OIDC_REDIRECT_URL,
      scope: config.OIDC_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(to.href, 303);
  });

  app.get('/sign-in/callback', { config: { public: true } }, async (request, reply) => {
    const pending = request.session.get('oidc');
    // State, nonce and verifier serve one answer from the provider, whatever it is.
    request.session.set('oidc', undefined);
    const query = request.query as Record<string, unknown>;
    if (typeof query['error'] === 'string') {
      request.log.info({ providerError: query['error'].slice(0, 64) }, 'the OpenID Connect provider did not sign someone in');
      return problem(request, reply, 401, 'You have not been signed in', [
        PROVIDER_ERRORS[query['error']] ?? 'Your organisation’s sign-in service did not sign you in.',
        'Nobody has been signed in. You can try again.',
      ]);
    }
    if (!pending) {
      return problem(request, reply, 400, 'You have not been signed in', [
        'This sign-in did not start on this service, or it took too long. Nobody has been signed in. Start again from the sign-in page.',
      ]);
    }

    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch (error) {
      return unreachable(request, reply, error);
    }
    // The provider's answer at the address it was sent to: the configured one, never one built from this request's Host.
    const answer = new URL(OIDC_REDIRECT_URL);
    answer.search = new URL(request.url, 'http://callback').search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, answer, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      // Many providers put only `sub` in the ID token and the rest behind the UserInfo endpoint.
      const wanted = [mapping.roleClaim, mapping.organisationClaim, mapping.nameClaim];
      if (wanted.some((claim) => claims[claim] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
        const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims['sub']));
        claims = { ...userInfo, ...claims };
      }
    } catch (error) {
      // The error names the check that failed (state, nonce, signature...), never the person.
      request.log.warn({ code: (error as { code?: unknown }).code, error: (error as { error?: unknown }).error }, 'an OpenID Connect sign-in answer was refused');
      return problem(request, reply, 400, 'You have not been signed in', [
        'The answer from your organisation’s sign-in service could not be checked, so nobody has been signed in. This happens when a sign-in is started twice or a link is reused. Start again from the sign-in page.',
      ]);
    }

    const mapped = claimsToActor(claims, mapping);
    if (!mapped.ok) {
      request.log.info({ claim: mapped.refusal.claim }, 'an OpenID Connect account does not map to a ledger actor');
      return problem(request, reply, 403, 'Your account cannot be used with SEND Ledger yet', [
        `Your organisation’s sign-in service signed you in, but ${mapped.refusal.problem} (the “${mapped.refusal.claim}” claim), so SEND Ledger cannot tell what you may see. Nobody has been signed in.`,
        'Ask whoever manages your organisation’s accounts to give your account a role SEND Ledger knows and the organisation you work for. The service’s administrator can map your organisation’s role names to SEND Ledger’s.',
      ]);
    }
    return reply.redirect(signIn(request, mapped.actor, 'openid-connect', now()), 303);
  });
}
