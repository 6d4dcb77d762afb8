import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { claimsToActor } from '../../src/web/sign-in/claims-to-actor.js';
import { checkPage, launchBrowser, newPage } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

const CLIENT_ID = 'send-ledger-test';
const CLIENT_SECRET = 'a-client-secret-for-the-test-provider-only';

/** The provider's people: the claims their organisation's directory would give. */
const ACCOUNTS: Record<string, Record<string, string>> = {
  'sam.okafor': { name: 'Sam Okafor', role: 'SEN caseworker', organisation: '202', email: 'sam.okafor@camden.example' },
  'pat.governor': { name: 'Pat Lee', role: 'Governor', organisation: '100052', email: 'pat.lee@fleethill.example' },
};

/** SEND Ledger's redirect URL, with the provider's answer in its query. */
const CALLBACK = /\/sign-in\/callback\?/;

let provider: { url: string; server: Server };
/** The proxy can change a path on its way to the server, as someone between the browser and the service might. */
let proxy: { url: string; server: Server; target: string; rewrite: ((path: string) => string) | null };
let server: DemoWebServer;
let browser: Browser;

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> => {
  const httpServer = createServer(handler);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return { server: httpServer, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
};

const close = (httpServer: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!httpServer) return resolve();
    httpServer.closeAllConnections();
    httpServer.close(() => resolve());
  });

/**
 * A real OpenID provider (oidc-provider, with its development login and consent pages) and the SEND Ledger server
 * configured for it. The ledger is reached through a small reverse proxy whose address is known before the server
 * starts, as a deployment's public address is: the redirect URL registered with the provider names it.
 */
beforeAll(async () => {
  // The provider is made once its own address (its issuer) is known.
  const providerApp: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  provider = await listen((req, res) => providerApp.handle!(req, res));
  proxy = { ...(await listen((req, res) => forward(req, res, proxy.target, proxy.rewrite))), target: '', rewrite: null };
  const redirectUrl = `${proxy.url}/sign-in/callback`;
  const oidcProvider = new Provider(provider.url, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUrl], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], profile: ['name', 'role', 'organisation'], email: ['email'] },
    cookies: { keys: ['a-cookie-key-for-the-test-provider-only'] },
    async findAccount(_ctx, sub) {
      const account = ACCOUNTS[sub];
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    pkce: { required: () => true },
  });
  providerApp.handle = oidcProvider.callback();

  server = await startDemoWebServer({
    env: {
      OIDC_ISSUER: provider.url,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_ROLE_MAP: JSON.stringify({ 'SEN caseworker': 'la_officer', SENCO: 'senco' }),
    },
  });
  proxy.target = server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await close(proxy?.server);
  await close(provider?.server);
});

function forward(req: IncomingMessage, res: ServerResponse, target: string, rewrite: ((path: string) => string) | null): void {
  const to = new URL(target);
  const path = rewrite ? rewrite(req.url ?? '/') : req.url;
  const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    res.statusCode = 502;
    res.end();
  });
  req.pipe(upstream);
}

/** A browser page; the provider's development pages ask for a web font from the internet, which is not there. */
async function freshPage(): Promise<Page & { consoleErrors: string[] }> {
  const page = await newPage(browser);
  await page.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  return page;
}

/** From SEND Ledger's sign-in page to the provider's login form, signed in there as `login`. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: "Sign in with your organisation's account" }).click();
  await page.waitForURL(`${provider.url}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The page answered with a refusal status on purpose; the browser reports the status as a console error. */
function expectOnlyStatusErrors(page: Page & { consoleErrors: string[] }, status: number): void {
  const errors = page.consoleErrors.splice(0);
  expect(errors.every((message) => message.includes(`status of ${status}`)), errors.join('\n')).toBe(true);
}

// Each journey crosses two servers and a browser: on a busy machine one takes longer than the default 30 seconds.
describe('signing in with OpenID Connect', { timeout: 90_000 }, () => {
  it('signs a person in through their organisation’s provider, with the role the configuration maps, back to where they were going', async () => {
    const page = await freshPage();
    const deadlines = `/children/${childA().childId}/deadlines`;
    await page.goto(`${proxy.url}${deadlines}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage(page, 'oidc-sign-in');

    await signInAtProvider(page, 'sam.okafor');
    await page.waitForURL(`${proxy.url}${deadlines}`);
    await expect(page.locator('.app-signed-in').innerText()).resolves.toBe('Signed in as Sam Okafor (local authority SEN officer)');
    await expect(page.locator('h1').textContent()).resolves.toBe('Deadlines');
    await checkPage(page, 'oidc-signed-in');

    // Acting as the LA officer the claims make them: their read of Child A is logged under the provider's subject.
    const read = (await server.accessLog.forChild(childA().childId)).find((e) => e.actor.id === 'sam.okafor');
    expect(read).toMatchObject({ actor: { role: 'la_officer', organisation: '202', displayName: 'Sam Okafor' }, outcome: 'permitted', via: 'web' });
  });

  it('refuses an account whose role claim does not map to a ledger role, saying which claim, and signs nobody in', async () => {
    const page = await freshPage();
    await page.goto(`${proxy.url}/sign-in`);
    await signInAtProvider(page, 'pat.governor');
    await page.waitForURL(CALLBACK);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account cannot be used with SEND Ledger yet');
    const text = await page.locator('main').innerText();
    expect(text).toContain('your account’s role (Governor) is not one SEND Ledger knows (the “role” claim)');
    expect(text).toContain('Nobody has been signed in');
    await expect(page.locator('.app-signed-in').count()).resolves.toBe(0);
    expectOnlyStatusErrors(page, 403);
    await checkPage(page, 'oidc-role-not-mapped');

    await page.goto(`${proxy.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('refuses an answer whose state is not the one this browser was sent with, and one the provider refused', async () => {
    const page = await freshPage();
    await page.goto(`${proxy.url}/sign-in`);
    // The provider answers with a real code, but the state is changed on the way back.
    proxy.rewrite = (path) => {
      if (!path.startsWith('/sign-in/callback?')) return path;
      const url = new URL(path, proxy.url);
      url.searchParams.set('state', 'not-the-state-we-sent');
      return `${url.pathname}${url.search}`;
    };
    await signInAtProvider(page, 'sam.okafor');
    await page.waitForURL(CALLBACK);
    await expect(page.locator('h1').textContent()).resolves.toBe('You have not been signed in');
    await expect(page.locator('main').innerText()).resolves.toContain('could not be checked, so nobody has been signed in');
    expectOnlyStatusErrors(page, 400);
    await checkPage(page, 'oidc-wrong-state');
    proxy.rewrite = null;
    await page.goto(`${proxy.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // Cancelling at the provider (a browser not signed in there): it answers error=access_denied.
    const other = await freshPage();
    await other.goto(`${proxy.url}/sign-in`);
    await other.getByRole('button', { name: "Sign in with your organisation's account" }).click();
    await other.waitForURL(`${provider.url}/**`);
    await other.getByRole('link', { name: '[ Cancel ]' }).click();
    await other.waitForURL(CALLBACK);
    expect(new URL(other.url()).searchParams.get('error')).toBe('access_denied');
    await expect(other.locator('main').innerText()).resolves.toContain('You cancelled signing in');
    expectOnlyStatusErrors(other, 401);
    await checkPage(other, 'oidc-cancelled');
    await other.goto(`${proxy.url}/`);
    expect(new URL(other.url()).pathname).toBe('/sign-in');
  });
});

describe('claims to a ledger actor', () => {
  const mapping = { roleClaim: 'roles', organisationClaim: 'org', nameClaim: 'name', roleMap: { SENCO: 'senco', 'SEN caseworker': 'la_officer' } };

  it('maps a provider role through the configuration, or takes a ledger role as it is, from a claim or a list', () => {
    expect(claimsToActor({ sub: 'u1', name: 'Rachel Kim', roles: ['Staff', 'SENCO'], org: 100052 }, mapping)).toEqual({
      ok: true,
      actor: { id: 'u1', displayName: 'Rachel Kim', role: 'senco', organisation: '100052' },
    });
    expect(claimsToActor({ sub: 'u2', given_name: 'Sam', family_name: 'Okafor', roles: 'la_officer', org: '202' }, mapping)).toMatchObject({
      ok: true,
      actor: { displayName: 'Sam Okafor', role: 'la_officer' },
    });
  });

  it('refuses, naming the claim, when the role, the organisation or the name is missing or ambiguous', () => {
    const refusal = (claims: Record<string, unknown>) => {
      const result = claimsToActor({ sub: 'u3', name: 'A Person', roles: 'SENCO', org: '100052', ...claims }, mapping);
      return result.ok ? null : result.refusal;
    };
    expect(refusal({ roles: undefined })).toEqual({ claim: 'roles', problem: 'your account has no role' });
    expect(refusal({ roles: ['constructor'] })?.claim).toBe('roles');
    expect(refusal({ roles: ['SENCO', 'SEN caseworker'] })?.problem).toMatch(/more than one role/);
    expect(refusal({ org: undefined })).toEqual({ claim: 'org', problem: 'your account does not say which organisation you work for' });
    expect(refusal({ org: ['202', '100052'] })?.problem).toBe('your account names more than one organisation');
    expect(refusal({ name: undefined })?.claim).toBe('name');
    expect(refusal({ sub: '' })?.claim).toBe('sub');
  });
});
