import type { FastifyInstance } from 'fastify';
import { renderPage } from '../pages/page.js';
import { safeReturnTo, signOut } from '../session/signed-in.js';
import { peopleChoices } from './development-sign-in.js';
import type { DemoPerson } from './demo-people.js';

/** The sign-in page (the identity provider's button, and in development the demo's people) and sign-out. */
export function registerSignInPage(app: FastifyInstance, options: { developmentSignIn: boolean; openIdConnect: boolean; people: readonly DemoPerson[] }): void {
  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    const returnTo = (request.query as Record<string, unknown>)['returnTo'];
    if (returnTo !== undefined) request.session.set('returnTo', safeReturnTo(returnTo));
    return renderPage(request, reply, 'sign-in.njk', {
      pageTitle: 'Sign in',
      developmentSignIn: options.developmentSignIn,
      openIdConnect: options.openIdConnect,
      people: options.developmentSignIn ? peopleChoices(options.people) : [],
    });
  });

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    signOut(request, 'You have signed out.');
    return reply.redirect('/sign-in', 303);
  });
}
