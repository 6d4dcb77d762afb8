import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { readChildRecord } from '../../application/child-records.js';
import { evidenceDependencies } from '../../application/evidence-dependencies.js';
import { draftEvidenceFor, exportEvidenceFor } from '../../application/export-evidence.js';
import { APPEAL_TYPES, APPEAL_TYPE_WORDS } from '../../integrity/evidence/bundle.js';
import type { DraftBundle } from '../../integrity/evidence/export-bundle.js';
import { verifierPageFor } from '../../integrity/evidence/verifier-page/verifier-page.js';
import { dateInputItems } from '../forms/date-input.js';
import { emptyEvidenceForm, readEvidenceForm, type EvidenceForm } from '../forms/evidence-request-form.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

const CHILD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChildParams = { childId: string };

/** A file name a person recognises: the appeal reference (or "evidence") and the version. */
const fileNameOf = (reference: string | null, version: number) => `${(reference ?? 'evidence').replace(/[^A-Za-z0-9-]+/g, '-')}-bundle-v${version}.html`;

/**
 * "Export evidence for a tribunal": for whoever may export the child's evidence (the rights holder, the child's LA,
 * an advocate whose consent covers it). "Check the bundle" shows its version, its pages and what is over the Practice
 * Direction's limits, and records nothing; "Export" records the export and downloads one HTML file that holds the
 * bundle and checks it when opened, from which the hearing-bundle PDF and the bundle file are saved.
 */
export function registerEvidencePages(app: FastifyInstance, services: LedgerServices): void {
  const exportDeps = evidenceDependencies(services);

  async function showForm(request: FastifyRequest, reply: FastifyReply, form: EvidenceForm, draft: DraftBundle | null = null, status = 200): Promise<FastifyReply> {
    const reader = readerOf(request);
    const { childId } = request.params as ChildParams;
    if (!CHILD_ID.test(childId)) return pageNotFound(request, reply);
    const mayExport = await readChildRecord(services, reader, childId, 'evidence_export', 'evidence-page');
    if (!mayExport) return pageNotFound(request, reply);
    const framed = await childFrame(services, reader, childId, 'evidence', 'evidence-page');
    return renderPage(
      request,
      reply,
      'evidence.njk',
      {
        pageTitle: `Export evidence for a tribunal – ${framed?.frame.name ?? 'a child'}`,
        frame: framed?.frame,
        childId,
        capped: mayExport.capped,
        form,
        appealTypes: APPEAL_TYPES.map((value) => ({ value, text: APPEAL_TYPE_WORDS[value], checked: form.appealType === value })),
        hearingDateItems: dateInputItems(form.hearingDate, form.errors.hearingDate !== undefined),
        draft,
        errorSummary: form.errorSummary.length > 0 ? form.errorSummary : undefined,
      },
      status,
    );
  }

  app.get('/children/:childId/evidence', async (request, reply) => showForm(request, reply, emptyEvidenceForm()));

  app.post('/children/:childId/evidence/check', async (request, reply) => {
    const { form, request: wanted } = readEvidenceForm(request.body);
    if (!wanted) return showForm(request, reply, form, null, 400);
    const { childId } = request.params as ChildParams;
    const draft = await draftEvidenceFor(exportDeps, readerOf(request), childId, wanted);
    if (!draft) return pageNotFound(request, reply);
    return showForm(request, reply, form, draft);
  });

  app.post('/children/:childId/evidence/bundle', async (request, reply) => {
    const { form, request: wanted } = readEvidenceForm(request.body);
    if (!wanted) return showForm(request, reply, form, null, 400);
    const { childId } = request.params as ChildParams;
    const exported = await exportEvidenceFor(exportDeps, readerOf(request), childId, wanted);
    if (!exported) return pageNotFound(request, reply);
    const { manifest } = exported.bundle;
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileNameOf(manifest.appeal?.reference ?? null, manifest.version)}"`)
      .send(await verifierPageFor(exported.bundle));
  });
}
