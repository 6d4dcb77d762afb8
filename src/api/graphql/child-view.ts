import { englandDateOf } from '../../domain/calendar/iso-date.js';
import { standingInRecord } from '../../domain/child-record/provision-standing.js';
import { IDENTIFIER_SCHEMES } from '../../domain/identifiers/pupil-identifiers.js';
import type { ChildRecord, ProvisionLine } from '../../domain/child-record/state.js';

const termsOf = ({ description, deliveredBy, frequency, minutesPerSession, groupSize, startDate, endDate, localOfferServiceId }: ProvisionLine) => ({
  description, deliveredBy, frequency, minutesPerSession, groupSize, startDate, endDate, localOfferServiceId,
});

/** The folded record in the API's shape (lists rather than maps, decisions flattened), its lines standing as of the day of `asOf`. */
export function childView(record: ChildRecord, asOf: string, streamRevision: number, childId: string) {
  const on = englandDateOf(asOf);
  return {
    id: record.childId ?? childId,
    asOf,
    streamRevision,
    ...record.profile,
    // Where the child is on roll now; where they were registered is kept apart.
    settingUrn: record.onRoll?.urn ?? null,
    settingName: record.onRoll?.name ?? null,
    onRollSince: record.onRoll?.since ?? null,
    registeredSetting: record.profile?.settingName ? { name: record.profile.settingName, urn: record.profile.settingUrn ?? null } : null,
    settingHistory: record.settingHistory,
    registered: record.registered,
    parentCarers: record.parentCarers,
    needs: record.needs,
    senSupportCycles: Object.values(record.senSupportCycles).map((cycle) => ({
      ...cycle,
      reviewed: cycle.review ?? null,
      outcomesMet: cycle.review?.outcomesMet ?? null,
      nextStep: cycle.review?.nextStep ?? null,
    })),
    assessmentRequests: Object.values(record.assessmentRequests).map((request) => ({
      requestId: request.requestId,
      requestedBy: request.requestedBy,
      received: request.received,
      decision: request.decision?.outcome ?? null,
      decided: request.decision ?? null,
      notToIssue: request.notToIssue ?? null,
      planId: request.planId ?? null,
    })),
    plans: Object.values(record.plans).map((plan) => ({
      ...plan,
      namedSetting: plan.namedSetting,
      finalIssued: plan.finalIssued ?? null,
      ceased: plan.ceased ?? null,
      ceaseReason: plan.ceased?.reason ?? null,
      requestId: plan.requestId ?? null,
    })),
    provisions: Object.values(record.provisions).map((line) => {
      const standing = standingInRecord(record, line, on);
      return {
        provisionId: line.provisionId,
        section: line.section,
        planId: line.planId ?? null,
        cycleId: line.cycleId ?? null,
        status: standing.status,
        stopped: standing.stopped,
        terms: termsOf(line),
        promised: line.promised,
        authority: line.promised.authority,
        variations: line.variations,
        withdrawn: line.withdrawn ?? null,
        sessionsDelivered: line.deliveries.sessions,
        minutesDelivered: line.deliveries.minutes,
        sessionsExpectedSoFar: standing.sessionsExpectedSoFar,
        settingParts: standing.parts,
      };
    }),
    phaseTransfers: record.phaseTransfers,
    erased: record.erased,
    legalHolds: Object.values(record.legalHolds).map((hold) => ({ ...hold, lifted: hold.lifted ?? null })),
    signOffs: record.signOffs,
    appeals: record.appeals,
    views: record.views,
    statements: Object.values(record.statements).map((statement) => ({
      ...statement,
      madeOn: statement.made.on,
      transferredToPlanId: statement.transferred?.planId ?? null,
    })),
    identifiers: IDENTIFIER_SCHEMES.filter((scheme) => record.identifiers[scheme] || record.withheldIdentifiers[scheme]).map((scheme) => ({
      scheme,
      value: record.identifiers[scheme]?.value ?? null,
      recorded: record.identifiers[scheme]?.recorded ?? null,
      withheld: record.withheldIdentifiers[scheme] ?? null,
    })),
    leavings: Object.values(record.leavings).map((leaving) => ({
      ...leaving,
      destination: leaving.destination ?? null,
      commonTransferFileSent: leaving.ctfSent ?? null,
    })),
    sendFileTransfers: Object.values(record.sendFileTransfers).map((transfer) => ({ ...transfer, received: transfer.received ?? null })),
  };
}
