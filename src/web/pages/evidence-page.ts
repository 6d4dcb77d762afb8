import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { readChildRecord } from '../../application/child-records.js';
import { EvidencePurpose, exportEvidenceFor } from '../../application/export-evidence.js';
import type { EvidenceBundle } from '../../integrity/evidence/bundle.js';
import { childFrame } from './child-frame.js';
import { pageNotFound, readerOf, renderPage } from './page.js';

const CHILD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChildParams = { childId: string };

/** The purpose as typed, and what is wrong with it in words (nothing: undefined). */
function checkPurpose(body: unknown): { purpose: string; error?: string } {
  const raw = (body as Record<string, unknown> | undefined)?.['purpose'];
  const purpose = typeof raw === 'string' ? raw : '';
  if (purpose.trim() === '') return { purpose, error: 'Enter what the evidence is for, for example a First-tier Tribunal (SEND) appeal' };
  if (purpose.length > 500) return { purpose, error: 'What the evidence is for must be 500 characters or fewer' };
  if (!EvidencePurpose.safeParse(purpose).success) return { purpose, error: 'Say what the evidence is for in a few words, for example a First-tier Tribunal (SEND) appeal' };
  return { purpose: purpose.trim() };
}

/**
 * "Export evidence for a tribunal": for whoever may export the child's evidence (the rights holder, the child's LA,
 * an advocate whose consent covers it). The bundle (every entry with its proof against a signed tree head, and the
 * public key) and its chronology PDF are downloaded through the browser session; each download is a new export,
 * recorded in the ledger's evidence exports and in the child's access log with the purpose given.
 */
export function registerEvidencePages(app: FastifyInstance, services: LedgerServices): void {
  const exportDeps = { ...services, lateThresholdDays: services.config.LATE_ENTRY_THRESHOLD_DAYS };

  /** The form, for a reader who may export; "not found" for anyone else (the refusal is logged by the gateway). */
  async function showForm(request: FastifyRequest, reply: FastifyReply, form: { purpose: string; error?: string }, status = 200): Promise<FastifyReply> {
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
        purpose: form.purpose,
        purposeError: form.error,
        errorSummary: form.error ? [{ text: form.error, href: '#purpose' }] : undefined,
      },
      status,
    );
  }

  /** Export now for the stated purpose, and send what `send` makes of the bundle; a blank purpose shows the form again. */
  function exportRoute(send: (reply: FastifyReply, bundle: EvidenceBundle) => FastifyReply) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const form = checkPurpose(request.body);
      if (form.error) return showForm(request, reply, form, 400);
      const { childId } = request.params as ChildParams;
      const bundle = await exportEvidenceFor(exportDeps, readerOf(request), childId, form.purpose);
      if (!bundle) return pageNotFound(request, reply);
      return send(reply.header('cache-control', 'no-store'), bundle);
    };
  }

  app.get('/children/:childId/evidence', async (request, reply) => showForm(request, reply, { purpose: '' }));

  app.post(
    '/children/:childId/evidence/bundle',
    exportRoute((reply, bundle) =>
      reply
        .type('application/json')
        .header('content-disposition', `attachment; filename="evidence-bundle-${bundle.childId}-${bundle.exportId}.json"`)
        .send(JSON.stringify(bundle, null, 2)),
    ),
  );

  app.post(
    '/children/:childId/evidence/chronology',
    exportRoute((reply, bundle) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="chronology-${bundle.childId}-${bundle.exportId}.pdf"`)
        .send(Buffer.from(bundle.chronologyPdf, 'base64')),
    ),
  );
}
