import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGraphiql } from '../../src/api/graphiql/graphiql-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';
import { launchBrowser, newPage } from '../web/support/browser.js';
import Fastify from 'fastify';

const dataDir = tempDir();
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ env: { NODE_ENV: 'development', SEND_LEDGER_DATA_DIR: dataDir.path, SESSION_SECRET: 'a-session-secret-that-is-long-enough-0123456789' } });
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await t.close();
  dataDir.remove();
});

/** Every script and stylesheet the page names. */
const referencesIn = (html: string) => [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]!);

describe('GraphiQL in development', () => {
  it('is a page whose every script and stylesheet is served from this server, with no inline script', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);

    const references = referencesIn(page.body);
    expect(references.length).toBeGreaterThanOrEqual(6);
    for (const reference of references) {
      expect(reference, 'a path on this server').toMatch(/^\/graphiql\//);
      const asset = await t.app.inject({ method: 'GET', url: reference });
      expect(asset.statusCode, reference).toBe(200);
      expect(asset.headers['content-type'], reference).toMatch(reference.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
    }
  });

  it('serves only the builds, not the rest of the packages', async () => {
    for (const url of ['/graphiql/assets/package.json', '/graphiql/assets/graphiql.min.js.map', '/graphiql/assets/../package.json', '/graphiql/assets/index.js']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  describe('in a browser with no way out to another host', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the GraphiQL editor under the Content Security Policy, with no console error', async () => {
      const page = await newPage(browser);
      const elsewhere: string[] = [];
      await page.context().route('**/*', (route) => {
        if (new URL(route.request().url()).origin === baseUrl) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${baseUrl}/graphiql`);
      await page.locator('.graphiql-container').waitFor({ state: 'visible' });
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ state: 'visible' });
      // The schema comes from this server's /graphql by introspection: the documentation explorer shows it.
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      await page.getByText('Root Types').waitFor({ state: 'visible' });
      // And an operation runs: through the CSRF check, answered by this server.
      await page.locator('button.graphiql-execute-button').click();
      await expect.poll(() => page.locator('.graphiql-response').innerText()).toMatch(/"__typename": "Query"/);
      expect(elsewhere).toEqual([]);
      expect(violations).toEqual([]);
      expect(page.consoleErrors).toEqual([]);
      await page.context().close();
    });
  });
});

describe('GraphiQL without its packages', () => {
  it('says plainly that it is a development tool whose packages are not installed', async () => {
    const app = Fastify();
    await registerGraphiql(app, { installed: false, missing: ['graphiql/graphiql.min.js'] });
    const response = await app.inject({ method: 'GET', url: '/graphiql' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toMatch(/GraphiQL is a development tool/);
    expect(response.body).toMatch(/npm ci --omit=dev/);
    await app.close();
  });
});

describe('outside development', () => {
  it('serves no GraphiQL at all', async () => {
    const production = await startTestApp();
    expect((await production.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
    expect((await production.app.inject({ method: 'GET', url: '/graphiql/assets/graphiql.min.js' })).statusCode).toBe(404);
    await production.close();
  });
});
