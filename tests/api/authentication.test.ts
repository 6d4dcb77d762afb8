import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, InvalidToken, type VerifyToken } from '../../src/api/auth/token-verifier.js';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { childInput, dataOf, ME, onlyError, REGISTER_CHILD, type RecordedView } from './api-fixtures.js';

const ISSUER = 'send-ledger-dev';
const AUDIENCE = 'send-ledger';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const encode = (secret: string) => new TextEncoder().encode(secret);

interface Claims {
  sub?: string;
  name?: string;
  role?: string;
  org?: string;
}
const goodClaims: Claims = { sub: 'la_officer:202:Sam Okafor', name: 'Sam Okafor', role: 'la_officer', org: '202' };

/** An HS256 token like the dev tokens, with every part overridable. */
async function hsToken(options: { claims?: Claims; secret?: string; issuer?: string; audience?: string; exp?: number; alg?: string } = {}) {
  const { sub, ...rest } = options.claims ?? goodClaims;
  const jwt = new SignJWT({ ...rest })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? nowSeconds() + 3600);
  if (sub !== undefined) jwt.setSubject(sub);
  return jwt.sign(encode(options.secret ?? TEST_SECRET));
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function post(query: string, authorization?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    payload: { query },
  });
  return { statusCode: response.statusCode, body: response.json() as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

async function expectRefused(authorization: string) {
  const response = await post(ME, authorization);
  expect(response.statusCode, JSON.stringify(response.body)).toBe(401);
  expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(response.body.data ?? null).toBeNull();
  return response.body.errors![0]!.message;
}

describe('authentication: no token', () => {
  it('may ask for __typename', async () => {
    const response = await post('{ __typename }');
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('gets UNAUTHENTICATED for me, and for a mutation, and nothing is recorded', async () => {
    const me = await t.gql(ME);
    expect(onlyError(me).extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(me.data).toBeNull();

    const before = await t.store.headPosition();
    const registered = await t.gql(REGISTER_CHILD, { input: childInput() });
    expect(onlyError(registered).extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await t.store.headPosition()).toBe(before);
  });
});

describe('authentication: tokens that do not verify get HTTP 401 UNAUTHENTICATED', () => {
  it('control: a well-formed token signed with the server secret is accepted', async () => {
    const response = await post(ME, `Bearer ${await hsToken()}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ data: { me: { id: goodClaims.sub, displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' } } });
  });

  it.each([
    ['not a JWT at all', 'Bearer not-a-jwt'],
    ['three garbage segments', 'Bearer aaa.bbb.ccc'],
    ['a Basic credential', `Basic ${Buffer.from('sam:password').toString('base64')}`],
    ['"Bearer" with no token', 'Bearer '],
    ['a token with a space in it', 'Bearer abc def'],
  ])('malformed: %s', async (_label, authorization) => {
    await expectRefused(authorization);
  });

  it('expired an hour ago', async () => {
    const message = await expectRefused(`Bearer ${await hsToken({ exp: nowSeconds() - 3600 })}`);
    expect(message).toContain('ERR_JWT_EXPIRED');
  });

  it('for another audience', async () => {
    const message = await expectRefused(`Bearer ${await hsToken({ audience: 'some-other-service' })}`);
    expect(message).toContain('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('from another issuer', async () => {
    await expectRefused(`Bearer ${await hsToken({ issuer: 'https://evil.example' })}`);
  });

  it('signed with another secret', async () => {
    const message = await expectRefused(`Bearer ${await hsToken({ secret: 'another-secret-that-is-also-long-enough-0123456789' })}`);
    expect(message).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('signed with a pinned-out HMAC algorithm (HS512 with the right secret)', async () => {
    const message = await expectRefused(`Bearer ${await hsToken({ alg: 'HS512' })}`);
    expect(message).toContain('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('unsigned (alg none), even with perfect claims', async () => {
    const { sub, ...rest } = goodClaims;
    const unsigned = new UnsecuredJWT({ ...rest })
      .setSubject(sub!)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(nowSeconds() + 3600)
      .encode();
    expect(unsigned.endsWith('.')).toBe(true);
    await expectRefused(`Bearer ${unsigned}`);
  });

  it('a bad token is refused even for __typename: never mistaken for an anonymous request', async () => {
    const response = await post('{ __typename }', `Bearer ${await hsToken({ exp: nowSeconds() - 3600 })}`);
    expect(response.statusCode).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('authentication: claims', () => {
  it('a token with an unknown role is refused', async () => {
    const message = await expectRefused(`Bearer ${await hsToken({ claims: { ...goodClaims, role: 'superuser' } })}`);
    expect(message).toContain('role');
  });

  it.each(['sub', 'name', 'org'] as const)('a token without %s is refused', async (claim) => {
    const claims: Claims = { ...goodClaims };
    delete claims[claim];
    await expectRefused(`Bearer ${await hsToken({ claims })}`);
  });

  it("a valid token's claims are `me`", async () => {
    const token = await t.token('senco', '100001', 'Priya Senco');
    const me = dataOf(await t.gql<{ me: unknown }>(ME, undefined, token)).me;
    expect(me).toEqual({ id: 'senco:100001:Priya Senco', displayName: 'Priya Senco', role: 'senco', organisation: '100001' });
  });

  it('the verified actor, and only it, is the actor on recorded entries', async () => {
    const token = await t.token('la_officer', '202', 'Sam Okafor');
    const recorded = dataOf(await t.gql<{ registerChild: RecordedView }>(REGISTER_CHILD, { input: childInput() }, token)).registerChild;
    const expected = { id: 'la_officer:202:Sam Okafor', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' };
    expect(recorded.entries).toHaveLength(1);
    expect(recorded.entries[0]!.actor).toEqual(expected);
    const stored = await t.store.readStream(`child-${recorded.childId}`);
    expect(stored[0]!.metadata.actor).toEqual(expected);
    // The actor is metadata, never part of the entry's data.
    expect(recorded.entries[0]!.data).not.toHaveProperty('actor');
  });

  it('the actor cannot be supplied through input (inline or as a variable), and nothing is recorded', async () => {
    const token = await t.token('school_staff', '100001', 'Jo Helper');
    const before = await t.store.headPosition();
    const forged = { id: 'la_officer:202:Forged', displayName: 'Forged Officer', role: 'la_officer', organisation: '202' };

    const asVariable = await t.gql(REGISTER_CHILD, { input: { ...childInput(), actor: forged } }, token);
    expect(asVariable.statusCode).toBe(400);
    expect(onlyError(asVariable).message).toBe('input.actor: is not a field of RegisterChildInput');
    expect(onlyError(asVariable).extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.actor' });

    const inline = await t.gql(
      `mutation { registerChild(input: { displayName: "A", dateOfBirth: "2016-05-04", laCode: "202", actor: { id: "x", displayName: "y", role: "la_officer", organisation: "202" } }) { childId } }`,
      undefined,
      token,
    );
    expect(inline.statusCode).toBe(400);
    expect(onlyError(inline).message).toMatch(/Field "actor" is not defined by type "RegisterChildInput"/);

    const inOptions = await t.gql(REGISTER_CHILD, { input: childInput(), options: { actor: forged } }, token);
    expect(inOptions.statusCode).toBe(400);
    expect(onlyError(inOptions).message).toBe('options.actor: is not a field of EntryOptions');

    expect(await t.store.headPosition()).toBe(before);
  });
});

describe('authentication: JWKS mode (identity provider keys, ES256 pinned)', () => {
  const issuer = 'https://idp.example.test/';
  const audience = 'send-ledger-api';
  let jwksServer: FastifyInstance;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let verify: VerifyToken;
  let jwksRequests = 0;

  const esToken = (options: { key?: CryptoKey; kid?: string; exp?: number; claims?: Claims } = {}) => {
    const { sub, ...rest } = options.claims ?? { ...goodClaims, sub: 'idp|la-officer-7', name: 'Morgan Idp', org: '202' };
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'test-key-1' })
      .setSubject(sub!)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(nowSeconds() - 600)
      .setExpirationTime(options.exp ?? nowSeconds() + 600)
      .sign(options.key ?? privateKey);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
    jwksServer = Fastify();
    jwksServer.get('/.well-known/jwks.json', async () => {
      jwksRequests++;
      return { keys: [publicJwk] };
    });
    const address = await jwksServer.listen({ port: 0, host: '127.0.0.1' });
    jwksUrl = `${address}/.well-known/jwks.json`;
    verify = createTokenVerifier({ jwksUrl, issuer, audience, algorithms: ['ES256'], clockToleranceSeconds: 30 });
  });

  afterAll(async () => {
    await jwksServer?.close();
  });

  it('a token signed with the private key verifies to the right actor (keys fetched from the JWKS URL)', async () => {
    await expect(verify(await esToken())).resolves.toEqual({ id: 'idp|la-officer-7', displayName: 'Morgan Idp', role: 'la_officer', organisation: '202' });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('an HS256 token is refused: the algorithm is pinned (also when keyed with the public key, the classic confusion)', async () => {
    const hs = await hsToken({ issuer, audience, claims: goodClaims });
    await expect(verify(hs)).rejects.toThrow(InvalidToken);
    await expect(verify(hs)).rejects.toThrow(/ERR_JOSE_ALG_NOT_ALLOWED/);

    const publicJwk = (await (await fetch(jwksUrl)).json()) as { keys: JWK[] };
    const confused = await new SignJWT({ name: 'X', role: 'la_officer', org: '202' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
      .setSubject('attacker')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('1h')
      .sign(encode(JSON.stringify(publicJwk.keys[0])));
    await expect(verify(confused)).rejects.toThrow(/ERR_JOSE_ALG_NOT_ALLOWED/);
  });

  it('an ES256 token signed by a key that is not in the JWKS is refused', async () => {
    const stranger = await generateKeyPair('ES256');
    await expect(verify(await esToken({ key: stranger.privateKey }))).rejects.toThrow(InvalidToken);
    await expect(verify(await esToken({ key: stranger.privateKey, kid: 'unknown-kid' }))).rejects.toThrow(InvalidToken);
  });

  it('clock tolerance: expired 20 s ago is still accepted with 30 s tolerance; 120 s ago is refused', async () => {
    await expect(verify(await esToken({ exp: nowSeconds() - 20 }))).resolves.toMatchObject({ id: 'idp|la-officer-7' });
    await expect(verify(await esToken({ exp: nowSeconds() - 120 }))).rejects.toThrow(/ERR_JWT_EXPIRED/);
  });

  it('the app built with the JWKS verifier serves `me` from an ES256 token and 401s an HS256 one', async () => {
    const config = parseConfig({ NODE_ENV: 'test', AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience, LOG_LEVEL: 'silent' });
    const store = createMemoryStore();
    const app = await buildApp({ config, store, readModels: memoryReadModels(), verifyToken: verify, signingKey: ephemeralSigningKey(), keys: memoryKeyStore() });
    try {
      const ask = async (token: string) =>
        app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}` }, payload: { query: ME } });
      const ok = await ask(await esToken());
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ data: { me: { id: 'idp|la-officer-7', displayName: 'Morgan Idp', role: 'la_officer', organisation: '202' } } });
      const refused = await ask(await hsToken({ issuer, audience }));
      expect(refused.statusCode).toBe(401);
      expect(refused.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
