import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadInput } from '../../application/bad-input.js';
import { importLocalOfferDirectory, type DirectoryImport } from '../../application/import-local-offer-directory.js';
import type { LedgerServices } from '../../application/ledger-services.js';
import { localOfferDirectoryOf } from '../../application/local-offer-directory-of.js';
import { NotPermitted } from '../../domain/errors.js';
import type { ServiceTerms } from '../../domain/local-offer/events.js';
import { textField } from '../forms/form-values.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

/** Only the LA's officers keep its Local Offer: anyone else reads these pages as not found. */
const isLaOfficer = (request: FastifyRequest) => request.actor?.role === 'la_officer';

const TERM_NAMES: Record<keyof ServiceTerms, string> = {
  name: 'name',
  provider: 'provider',
  description: 'description',
  eligibility: 'who it is for',
  ageRange: 'ages',
  areasOfNeed: 'areas of need',
  category: 'category',
};
const STATUS_NAMES: Record<string, string> = { inactive: 'Inactive', defunct: 'Defunct', 'temporarily closed': 'Temporarily closed' };

const position = (index: number) => `Number ${index + 1} in the file`;
const listOf = (words: string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

type Upload = { directory?: unknown; mode?: unknown };

/**
 * The Local Offer as an Open Referral UK directory, for the LA's officers: download the Local Offer as the
 * directory format, or send the LA's directory export in (checked only, or imported) and see what it did,
 * service by service. Plain forms: the upload works without JavaScript.
 */
export function registerLocalOfferDirectoryPages(app: FastifyInstance, services: LedgerServices): void {
  const laOnly =
    <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<FastifyReply>) =>
    (request: R, reply: FastifyReply) =>
      isLaOfficer(request) ? handler(request, reply) : pageNotFound(request, reply);

  app.get('/accountability/local-offer/directory', laOnly((request, reply) => directoryForm(request, reply, {})));

  app.get(
    '/accountability/local-offer/directory.json',
    laOnly(async (request, reply) => {
      const laCode = readerOf(request).actor.organisation;
      const directory = await localOfferDirectoryOf(services, laCode);
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="local-offer-${laCode}-open-referral-uk.json"`)
        .send(JSON.stringify(directory, null, 2));
    }),
  );

  app.post(
    '/accountability/local-offer/directory',
    laOnly(async (request, reply) => {
      const body = (request.body ?? {}) as Upload;
      const mode = textField(body as Record<string, unknown>, 'mode');
      const file = Buffer.isBuffer(body.directory) ? body.directory : typeof body.directory === 'string' ? Buffer.from(body.directory) : undefined;
      const errors: Record<string, string> = {};
      if (!file || file.length === 0) errors['directory'] = 'Choose the directory export file (a .json file)';
      if (mode !== 'check' && mode !== 'import') errors['mode'] = 'Choose whether to check the file only or to import it';
      if (Object.keys(errors).length > 0) return directoryForm(request, reply, { errors, mode });

      const { actor } = readerOf(request);
      let report: DirectoryImport;
      try {
        report = await importLocalOfferDirectory(services, actor, {
          laCode: actor.organisation,
          directory: file!.toString('utf8'),
          dryRun: mode === 'check',
          source: 'a file uploaded on the Local Offer directory page',
          options: { correlationId: request.id, causationId: request.id },
        });
      } catch (error) {
        if (error instanceof NotPermitted) return pageNotFound(request, reply);
        if (!(error instanceof BadInput)) throw error;
        return directoryForm(request, reply, { errors: { directory: `The file ${error.issues[0]?.message ?? 'is not a directory export'}` }, mode });
      }
      return renderPage(request, reply, 'local-offer-directory-result.njk', {
        pageTitle: report.dryRun ? 'Directory checked: nothing recorded' : 'Directory imported',
        section: 'accountability',
        tab: 'local-offer',
        backLink: { href: '/accountability/local-offer/directory', text: 'Back to the directory' },
        report: resultInWords(report),
      });
    }),
  );
}

async function directoryForm(request: FastifyRequest, reply: FastifyReply, state: { errors?: Record<string, string>; mode?: string }) {
  const errors = state.errors ?? {};
  return renderPage(request, reply, 'local-offer-directory.njk', {
    pageTitle: 'Local Offer directory',
    section: 'accountability',
    tab: 'local-offer',
    laCode: readerOf(request).actor.organisation,
    errors,
    mode: state.mode,
    errorSummary: Object.entries(errors).map(([field, text]) => ({ text, href: field === 'mode' ? '#mode' : '#directory' })),
  });
}

/** The import's report as the result page says it: by service name and place in the file, ids kept out of the way. */
function resultInWords(report: DirectoryImport) {
  return {
    dryRun: report.dryRun,
    received: report.received,
    listed: report.listed.map((s) => ({ name: s.name, where: position(s.index) })),
    updated: report.updated.map((s) => ({ name: s.name, where: position(s.index), changed: listOf(s.changed.map((key) => TERM_NAMES[key])) })),
    unchanged: report.unchanged.map((s) => ({ name: s.name, where: position(s.index) })),
    notActive: report.notActive.map((s) => ({ name: s.name ?? 'A service with no name', where: position(s.index), status: STATUS_NAMES[s.status] ?? s.status })),
    missing: report.missing.map((s) => ({ name: s.name, directoryId: s.directoryId })),
    refused: report.refused.map((s) => ({ name: s.name?.trim() ? s.name : 'A service with no name', where: position(s.index), field: s.field, message: s.message })),
  };
}
