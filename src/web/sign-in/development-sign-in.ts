import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { renderPage } from '../pages/page.js';
import { roleName } from '../presenters/roles.js';
import { signIn } from '../session/signed-in.js';
import type { DemoPerson } from './demo-people.js';

const Form = z.object({ person: z.string() });

/**
 * Development only: sign in as one of the demo's people (and a synthetic LA's, when the data directory holds one) by
 * choosing them, so `npm run demo && npm start` leads straight to real pages. Never registered in production (the configuration refuses DEV_SIGN_IN=on there).
 */
export function registerDevelopmentSignIn(app: FastifyInstance, now: () => number, people: readonly DemoPerson[]): void {
  app.post('/sign-in/development', { config: { public: true } }, async (request, reply) => {
    const form = Form.safeParse(request.body);
    const person = form.success ? people.find((p) => p.key === form.data.person) : undefined;
    if (!person) {
      return renderPage(request, reply, 'sign-in.njk', {
        pageTitle: 'Sign in',
        people: peopleChoices(people),
        developmentSignIn: true,
        errorSummary: [{ text: 'Select who you want to sign in as', href: '#person' }],
        personError: 'Select who you want to sign in as',
      }, 400);
    }
    return reply.redirect(signIn(request, person.actor, 'development', now()), 303);
  });
}

export const peopleChoices = (people: readonly DemoPerson[]) =>
  people.map((person) => ({
    value: person.key,
    text: `${person.actor.displayName}, ${roleName(person.actor.role)}`,
    hint: { text: person.hint },
  }));
