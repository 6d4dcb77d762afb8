import csrfProtection from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import secureSession from '@fastify/secure-session';
import fastifyView from '@fastify/view';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import type { LedgerServices } from '../application/ledger-services.js';
import { CorruptEntry } from '../store/errors.js';
import { isPublicAsset, serveAssets } from './assets.js';
import { registerAccessPages } from './pages/access-page.js';
import { registerCasesPages } from './pages/cases-page.js';
import { registerChildRecordPages } from './pages/child-record-page.js';
import { registerDeadlinesPages } from './pages/deadlines-page.js';
import { registerEvidencePages } from './pages/evidence-page.js';
import { registerHomePage } from './pages/home.js';
import { registerPromisesPages } from './pages/promises-page.js';
import { registerViewsPages } from './pages/views-page.js';
import { registerCaseloadPages } from './pages/caseload-page.js';
import { registerSenSupportPages } from './pages/sen-support-page.js';
import { registerSessionRegisterPages } from './pages/session-register-page.js';
import { registerProvisionInPlacePages } from './pages/provision-in-place-page.js';
import { registerTransitionPages } from './pages/transition-page.js';
import { registerHandoverPages } from './pages/handovers-page.js';
import { registerDeskPages } from './pages/desk-page.js';
import { registerCasePages } from './pages/case-page.js';
import { registerDecisionFormPages } from './pages/decision-forms-page.js';
import { registerAccountabilityPages } from './pages/accountability-page.js';
import { registerPrivacyPages } from './pages/privacy-page.js';
import { registerAppealPages } from './pages/appeal-page.js';
import { registerWorkingDocumentRoutes } from './pages/working-document-page.js';
import { registerSen2Pages } from './pages/sen2-page.js';
import { registerIdentifiersPages } from './pages/identifiers-page.js';
import { registerAnnexAPages } from './pages/annex-a-page.js';
import { registerCommonTransferFilePages } from './pages/common-transfer-file-page.js';
import { registerLocalOfferDirectoryPages } from './pages/local-offer-directory-page.js';
import { registerOpenIdConnectSignIn } from './sign-in/oidc-sign-in.js';
import { pageNotFound, renderPage } from './pages/page.js';
import { sessionKey } from './session/session-key.js';
import { sessionActor } from './session/signed-in.js';
import { registerDevelopmentSignIn } from './sign-in/development-sign-in.js';
import { registerSignInPage } from './sign-in/sign-in-page.js';
import { DEMO_PEOPLE } from './sign-in/demo-people.js';
import { syntheticLaPeople } from './sign-in/synthetic-la-people.js';
import { addFilters, TEMPLATE_PATHS } from './templates.js';

/** What a web route says about itself: a public page needs no sign-in. */
export interface WebRouteConfig {
  web?: boolean;
  public?: boolean;
}

const configOf = (request: FastifyRequest) => (request.routeOptions.config ?? {}) as WebRouteConfig;

/**
 * The web service people sign in to: server-rendered GOV.UK and MOJ Frontend pages on the same application layer
 * as the API (the same gateway, access rules, access log and write rules). Its session cookie is encrypted,
 * HttpOnly and SameSite, every form carries a CSRF token, and none of it reaches /graphql, which keeps bearer tokens.
 */
export async function webService(app: FastifyInstance, options: { services: LedgerServices }): Promise<void> {
  const { services } = options;
  const { config } = services;
  const now = () => services.clock().getTime();
  const developmentSignIn = config.DEV_SIGN_IN === 'on' || (config.DEV_SIGN_IN === undefined && config.NODE_ENV !== 'production');
  const openIdConnect = config.OIDC_ISSUER !== undefined;

  // Every route in this context is a page: the access log records reads through it as "web", with its route.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), web: true } as never;
  });

  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: TEMPLATE_PATHS,
    options: { onConfigure: addFilters },
  });
  await app.register(formbody, { bodyLimit: 65_536 });
  // Files people upload (a Common Transfer File, a directory export) arrive with the form's fields, the CSRF token among them, before it is checked.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(secureSession, {
    key: sessionKey(config.SESSION_SECRET, config.SEND_LEDGER_DATA_DIR),
    cookieName: 'send-ledger-session',
    expiry: config.WEB_IDLE_TIMEOUT_MINUTES * 60,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.NODE_ENV === 'production' },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });

  app.addHook('onRequest', sessionActor(config.WEB_IDLE_TIMEOUT_MINUTES, now));
  app.addHook('onRequest', async (request, reply) => {
    if (configOf(request).public || request.actor || request.is404 || isPublicAsset(request.url)) return;
    request.session.set('returnTo', request.method === 'GET' ? request.url : '/');
    return reply.redirect('/sign-in', 303);
  });
  app.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST') return;
    await new Promise<void>((resolve, reject) => app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => problemPage(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => {
    // A browser gets a page; an API client, the JSON it can read.
    if (String(request.headers.accept ?? '').includes('text/html')) return pageNotFound(request, reply);
    return reply.code(404).send({ message: `Route ${request.method}:${request.url.split('?')[0]} not found`, error: 'Not Found', statusCode: 404 });
  });

  await serveAssets(app);
  const people = developmentSignIn ? [...DEMO_PEOPLE, ...syntheticLaPeople(config.SEND_LEDGER_DATA_DIR)] : [];
  registerSignInPage(app, { developmentSignIn, openIdConnect, people });
  if (developmentSignIn) registerDevelopmentSignIn(app, now, people);
  registerHomePage(app, services);
  registerCasesPages(app, services);
  registerEvidencePages(app, services);
  if (openIdConnect) registerOpenIdConnectSignIn(app, config, now);
  registerDeadlinesPages(app, services);
  registerAccessPages(app, services);
  registerViewsPages(app, services);
  registerChildRecordPages(app, services);
  registerPromisesPages(app, services);
  registerCaseloadPages(app, services);
  registerSenSupportPages(app, services);
  registerSessionRegisterPages(app, services);
  registerProvisionInPlacePages(app, services);
  registerTransitionPages(app, services);
  registerHandoverPages(app, services);
  registerDeskPages(app, services);
  registerCasePages(app, services);
  registerDecisionFormPages(app, services);
  registerAccountabilityPages(app, services);
  registerPrivacyPages(app, services);
  registerAppealPages(app, services);
  registerWorkingDocumentRoutes(app, services);
  registerSen2Pages(app, services);
  registerIdentifiersPages(app, services);
  registerAnnexAPages(app, services);
  registerCommonTransferFilePages(app, services);
  registerLocalOfferDirectoryPages(app, services);
}

/** What went wrong, in words, as a page: never a stack trace, never a child's data. */
async function problemPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const render = (status: number, heading: string, paragraphs: string[]) =>
    renderPage(request, reply, 'problem.njk', { pageTitle: heading, heading, paragraphs, requestId: request.id, continueHref: '/' }, status);
  if (typeof error.code === 'string' && error.code.startsWith('FST_CSRF')) {
    return render(403, 'This form could not be sent', ['The page it came from had expired or was not from this service, so nothing was recorded. Go back, reload the page and try again.']);
  }
  if (error.statusCode === 429) return render(429, 'Too many requests', ['You have made a lot of requests in a short time. Wait a minute and try again.']);
  if (error instanceof CorruptEntry) {
    request.log.error({ err: error }, 'a stored entry failed its integrity check');
    return render(500, 'The record failed an integrity check', [
      'What the ledger stores was changed outside the ledger, so nothing of it is shown. The service’s operators have been told which entry.',
    ]);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return render(error.statusCode, 'We could not read that request', ['Nothing was recorded. Go back and try again.']);
  }
  request.log.error({ err: error }, 'unexpected error on a page');
  return render(500, 'Sorry, there is a problem with the service', ['Nothing you sent was recorded unless the page said so. Try again later.']);
}
