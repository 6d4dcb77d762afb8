import { z } from 'zod';
import { commonTransferFileOf } from '../../application/common-transfer-file-of.js';
import { importCommonTransferFile } from '../../application/import-common-transfer-file.js';
import type { CtfSenNeed, CtfSenStatus } from '../../domain/transfer-file/ctf-sen-sections.js';
import { childRecordsOf, requireReader, type RequestContext } from './context.js';

const statusView = (status: CtfSenStatus) => ({ provision: status.provision, startDate: status.startDate, eventId: status.eventId ?? null });
const needView = (need: CtfSenNeed) => ({ rank: need.rank, senType: need.type, identifiedOn: need.identifiedOn ?? null, eventId: need.eventId ?? null });

/** The Common Transfer File's SEN sections: the export for the sending school, and a received file reconciled (issue 20). */
export const commonTransferFileQueryResolvers = {
  async commonTransferFile(_root: unknown, args: { childId: string }, context: RequestContext) {
    const reader = requireReader(context);
    if (!z.uuid().safeParse(args.childId).success) return null;
    const ctf = await commonTransferFileOf(childRecordsOf(context), reader, args.childId);
    if (!ctf) return null;
    return {
      xml: ctf.xml,
      fileName: ctf.fileName,
      sha256: ctf.sha256,
      leavingId: ctf.leavingId,
      leftOut: ctf.leftOut,
      senHistory: ctf.sections.history.map(statusView),
      senNeeds: ctf.sections.needs.map(needView),
    };
  },

  reconcileCommonTransferFile: (_root: unknown, args: { xml: string }, context: RequestContext) => reconciled(args.xml, context, false),
};

export const commonTransferFileMutationResolvers = {
  importCommonTransferFile: (_root: unknown, args: { xml: string }, context: RequestContext) => reconciled(args.xml, context, true),
};

async function reconciled(xml: string, context: RequestContext, record: boolean) {
  const reader = requireReader(context);
  const result = await importCommonTransferFile(context.services, reader, xml, {
    record,
    correlationId: context.correlationId,
    causationId: context.requestId,
    field: 'xml',
  });
  const { match } = result;
  return {
    sha256: result.sha256,
    sourceSchoolName: result.header.source.name,
    sourceSchoolUrn: result.header.source.urn ?? null,
    matched: match.matched,
    matchedBy: match.matched ? match.by : match.why,
    childId: match.matched ? match.childId : null,
    senHistory: result.pupil.history.map(statusView),
    senNeeds: result.pupil.needs.map(needView),
    differences: result.differences.map(({ entry: _entry, ...difference }) => difference),
    handoverId: result.handoverPack?.handoverId ?? null,
    recordedEventId: result.recorded?.eventId ?? null,
  };
}
