import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Reader } from '../../application/child-records.js';
import { roleName } from '../presenters/roles.js';
import { takeNotice } from '../session/signed-in.js';

/** One message per field in the GOV.UK error summary, each linking to its field. */
export interface ErrorSummaryItem {
  text: string;
  href: string;
}

export interface PageData {
  pageTitle: string;
  /** Which navigation item is current: "home", "cases"... */
  section?: string;
  backLink?: { href: string; text?: string };
  errorSummary?: ErrorSummaryItem[];
  [key: string]: unknown;
}

/** Render a page in the service's layout, with who is signed in, a CSRF token for its forms and the CSP nonce. */
export async function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, data: PageData, status = 200): Promise<FastifyReply> {
  const actor = request.actor;
  const html = await reply.viewAsync(template, {
    ...data,
    user: actor ? { ...actor, roleName: roleName(actor.role), signedInWith: request.session.get('signedInWith') } : null,
    csrfToken: reply.generateCsrf(),
    cspNonce: (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
    notice: data['notice'] ? { text: data['notice'], success: false } : takeNotice(request),
    currentPath: request.url.split('?')[0],
  });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** The signed-in person, whose every read of a child's record goes through the gateway and into the access log. */
export function readerOf(request: FastifyRequest): Reader {
  if (!request.actor || !request.accessReads) throw new Error('a page that needs a signed-in person was reached without one');
  return { actor: request.actor, reads: request.accessReads };
}

/**
 * The one "not found" page: for a child that does not exist and for one the person has no relationship with
 * alike, so a page cannot be used to learn that a record exists.
 */
export function pageNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return renderPage(request, reply, 'not-found.njk', { pageTitle: 'Page not found' }, 404);
}
