import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { parseConfig } from '../../src/config/config.js';

let server: DemoWebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { WEB_IDLE_TIMEOUT_MINUTES: '30' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The session cookie as the browser holds it. */
async function sessionCookie(page: Awaited<ReturnType<typeof newPage>>) {
  return (await page.context().cookies()).find((c) => c.name === 'send-ledger-session');
}

describe('a signed-in session', () => {
  it('is an encrypted, HttpOnly, SameSite cookie that carries nothing readable', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const decoded = Buffer.from(decodeURIComponent(cookie!.value).split(';')[0]!, 'base64').toString('latin1');
    expect(decoded).not.toMatch(/Parent A|parent_carer|pseudonym/);
    await expect(page.evaluate('document.cookie')).resolves.not.toContain('send-ledger-session');
  });

  it('signs out with the Sign out button, after which a record page needs signing in again', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const childLink = page.getByRole('link', { name: 'Child A (pseudonym)' });
    const childPath = await childLink.getAttribute('href');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('You have signed out');
    await checkPage(page, 'signed-out');
    await page.goto(`${server.url}${childPath}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs out a person who has done nothing for the idle timeout, and says why', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    server.clock.advanceDays(31 / (24 * 60));
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('had not done anything for 30 minutes');
    await checkPage(page, 'signed-out-idle');
  });

  it('keeps a person signed in while they are active', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    for (let i = 0; i < 3; i++) {
      server.clock.advanceDays(20 / (24 * 60));
      await page.goto(`${server.url}/`);
      expect(new URL(page.url()).pathname).toBe('/');
    }
  });

  it('refuses a form without its CSRF token, and records nothing', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const response = await page.request.post(`${server.url}/sign-out`, { form: { _csrf: 'forged' } });
    expect(response.status()).toBe(403);
    await expect(response.text()).resolves.toContain('This form could not be sent');
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('does not let the session cookie stand in for a bearer token on the API', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const cookie = await sessionCookie(page);
    const response = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', cookie: `send-ledger-session=${cookie!.value}` },
      payload: { query: '{ me { id } }' },
    });
    expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('never offers the development sign-in in production', async () => {
    expect(() => parseConfig({ NODE_ENV: 'production', DEV_SIGN_IN: 'on' })).toThrow(/DEV_SIGN_IN/);
    const response = await server.app.inject({ method: 'GET', url: '/sign-in' });
    expect(response.body).toContain('Development sign-in');
  });

  it('answers an unknown page with the GOV.UK not-found page for a browser and JSON for an API client', async () => {
    const page = await newPage(browser);
    const response = await page.goto(`${server.url}/no-such-page`);
    expect(response!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await checkPage(page, 'not-found');
    const api = await server.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ statusCode: 404 });
  });
});
