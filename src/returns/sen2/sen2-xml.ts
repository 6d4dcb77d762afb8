import { XMLBuilder } from 'fast-xml-parser';
import { ASSESSMENT_OUTCOME_CODES, CEASE_REASON_CODES, REQUEST_OUTCOME_CODES, REVIEW_OUTCOME_CODES, UPN_UNKNOWN_CODES } from '../../domain/returns/sen2/codes.js';
import type { Sen2ActivePlan, Sen2Assessment, Sen2Flag, Sen2Person, Sen2Request, Sen2Return } from '../../domain/returns/sen2/return-model.js';

/** Who made the file, as the header's Source says. */
export interface Sen2FileSource {
  softwareCode: string;
  release: string;
  serialNo: number;
  /** When the file was made (an instant). */
  madeAt: string;
}

type Element = Record<string, unknown>;

const yesNo = (flag: Sen2Flag) => (flag.value ? '1' : '0');
/** Only the items that have a value: an item left out is one the ledger does not hold, never an invented one. */
const present = (element: Element): Element => Object.fromEntries(Object.entries(element).filter(([, value]) => value !== undefined));

function assessmentElement(assessment: Sen2Assessment): Element {
  const plan = assessment.namedPlan;
  return present({
    AssessmentOutcome: assessment.outcome && ASSESSMENT_OUTCOME_CODES[assessment.outcome.decision],
    AssessmentOutcomeDate: assessment.outcome?.date,
    AssessmentMediation: yesNo(assessment.mediation),
    AssessmentTribunal: yesNo(assessment.tribunal),
    OtherMediation: yesNo(assessment.otherMediation),
    OtherTribunal: yesNo(assessment.otherTribunal),
    Week20: assessment.twentyWeeks && (assessment.twentyWeeks.week20 ? '1' : '0'),
    NamedPlan: plan && present({
      StartDate: plan.startDate,
      CeaseDate: plan.ceased?.date,
      CeaseReason: plan.ceased && CEASE_REASON_CODES[plan.ceased.reason],
      PlanDetail: plan.planDetail.length > 0 ? plan.planDetail.map((setting) => present({ URN: setting.urn, PlacementRank: '1' })) : undefined,
    }),
  });
}

function activePlanElement(plan: Sen2ActivePlan): Element {
  return present({
    TransferLA: plan.transferLa?.laCode,
    ReviewMeeting: plan.lastReview?.meetingDate,
    ReviewOutcome: plan.lastReview && REVIEW_OUTCOME_CODES[plan.lastReview.decision],
    PhaseTransferDueDate: plan.phaseTransfer?.dueDate,
    PhaseTransferFinalDate: plan.phaseTransfer?.finalDate,
    LastReview: plan.lastReview?.decisionDate,
    PlacementDetail: plan.placements.length > 0
      ? plan.placements.map((placement) => present({ URN: placement.urn, PlacementRank: '1', EntryDate: placement.entryDate, LeavingDate: placement.leavingDate }))
      : undefined,
    SENneed: plan.needs.length > 0 ? plan.needs.map((need) => ({ SENtypeRank: String(need.rank), SENtype: need.type })) : undefined,
  });
}

const requestElement = (request: Sen2Request): Element =>
  present({
    ReceivedDate: request.receivedDate,
    RequestOutcomeDate: request.outcome?.date,
    RequestOutcome: request.outcome && REQUEST_OUTCOME_CODES[request.outcome.decision],
    RequestMediation: request.requestId === null ? undefined : yesNo(request.mediation),
    RequestTribunal: request.requestId === null ? undefined : yesNo(request.tribunal),
    Assessment: request.assessment && assessmentElement(request.assessment),
    ActivePlans: request.activePlan && activePlanElement(request.activePlan),
  });

const personElement = (person: Sen2Person): Element =>
  present({
    PersonBirthDate: person.birthDate,
    UPN: person.upn,
    UniqueLearnerNumber: person.uln,
    UPNunknown: person.upnUnknown && UPN_UNKNOWN_CODES[person.upnUnknown],
    // A person counted only for a review or a phase transfer, with no request in the return, still needs one Requests element.
    Requests: person.requests.length > 0 ? person.requests.map(requestElement) : [{}],
  });

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '  ', suppressEmptyNode: true });

/**
 * The return as XML in the element names of the SEN2 person-level specification (see schema/sen2-person-level-2026.xsd:
 * the project's schema, not the DfE's). The display name the ledger holds is never written: SEN2 asks for the legal name.
 */
export function sen2Xml(sen2: Sen2Return, source: Sen2FileSource): string {
  const message = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Message: {
      Header: {
        CollectionDetails: { Collection: 'SEN2', Year: String(sen2.period.returnYear), ReferenceDate: sen2.period.referenceDate },
        Source: {
          SourceLevel: 'L',
          LEA: sen2.laCode,
          SoftwareCode: source.softwareCode,
          Release: source.release,
          SerialNo: String(source.serialNo),
          DateTime: source.madeAt.replace(/\.\d{3}Z$/, 'Z'),
        },
      },
      Persons: { Person: sen2.persons.map(personElement) },
    },
  };
  return builder.build(message) as string;
}
