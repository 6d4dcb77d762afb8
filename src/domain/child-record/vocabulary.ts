import { z } from 'zod';
import { NotADate, parseCalendarDate, parseInstant } from '../calendar/claimed-dates.js';

/**
 * Field shapes shared by the child record's events, in the words of the domain reference. Text is kept
 * exactly as written (never trimmed or otherwise changed): what is stored is what was said.
 */
export const text = (max = 2000) =>
  z
    .string({ error: 'must be text' })
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty');
export const id = () => z.uuid({ error: 'must be a UUID' });
/** Every calendar-date field of an entry schema, so that rules can find an entry's dates (calendarDatesIn). */
const CALENDAR_DATE_FIELDS = z.registry();

/** A calendar date that exists, as YYYY-MM-DD, read by the one parser of claimed dates. */
export const isoDate = () =>
  z
    .string({ error: 'must be a date as YYYY-MM-DD' })
    .superRefine((value, context) => {
      try {
        parseCalendarDate(value);
      } catch (error) {
        if (!(error instanceof NotADate)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    })
    .register(CALENDAR_DATE_FIELDS, {});

/** The calendar dates an entry's data gives, with their fields (`actions.0.dueOn`), read through its schema. */
export function calendarDatesIn(schema: z.ZodType, data: unknown, path: readonly string[] = []): Array<{ field: string; date: string }> {
  if (CALENDAR_DATE_FIELDS.has(schema)) return typeof data === 'string' ? [{ field: path.join('.'), date: data }] : [];
  const def = schema.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; in?: z.ZodType };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return calendarDatesIn(def.innerType!, data, path);
    case 'pipe':
      return calendarDatesIn(def.in!, data, path);
    case 'object':
      if (data === null || typeof data !== 'object') return [];
      return Object.entries(def.shape!).flatMap(([key, field]) => calendarDatesIn(field, (data as Record<string, unknown>)[key], [...path, key]));
    case 'array':
      return Array.isArray(data) ? data.flatMap((item, i) => calendarDatesIn(def.element!, item, [...path, String(i)])) : [];
    default:
      return [];
  }
}
/** An instant as a client may write it (claimed-dates.ts): a date, or a date-time with its offset. */
export const claimedInstant = () =>
  z.string({ error: 'must be a date or date-time' }).superRefine((value, context) => {
    try {
      parseInstant(value);
    } catch (error) {
      if (!(error instanceof NotADate)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
    }
  });

/** LA codes are the DfE's three-digit codes (e.g. 202 Camden). */
export const laCode = () => z.string().regex(/^\d{3}$/, 'must be a three-digit DfE local authority code, e.g. "202"');
/** Unique Reference Number of a school or setting (Get Information about Schools). */
export const urn = () => z.string().regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN');

/**
 * The DfE's types of SEN (school census and Common Transfer File code set), each within one broad area;
 * OTH (other) and NSA (SEN support, no specialist assessment of type) belong to none.
 */
export const SEN_TYPES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA'] as const;
export type SenType = (typeof SEN_TYPES)[number];
export const AREA_OF_SEN_TYPE: Record<SenType, (typeof AREAS_OF_NEED)[number] | null> = {
  SPLD: 'cognition_and_learning',
  MLD: 'cognition_and_learning',
  SLD: 'cognition_and_learning',
  PMLD: 'cognition_and_learning',
  SEMH: 'social_emotional_and_mental_health',
  SLCN: 'communication_and_interaction',
  ASD: 'communication_and_interaction',
  HI: 'sensory_and_physical',
  VI: 'sensory_and_physical',
  MSI: 'sensory_and_physical',
  PD: 'sensory_and_physical',
  OTH: null,
  NSA: null,
};

/** Each type of SEN in the words of the DfE's code set. */
export const SEN_TYPE_NAMES: Record<SenType, string> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment of type of need',
};

/** The four broad areas of need (CoP 6.28). */
export const AREAS_OF_NEED = [
  'communication_and_interaction',
  'cognition_and_learning',
  'social_emotional_and_mental_health',
  'sensory_and_physical',
] as const;

/**
 * Where a promise was made. F, G, H1 and H2 are EHC plan sections (Regs 12); SEN_SUPPORT is a
 * school's own provision under the graduated approach (IEP or provision map).
 */
export const PROVISION_SECTIONS = ['F', 'G', 'H1', 'H2', 'SEN_SUPPORT'] as const;
export type ProvisionSection = (typeof PROVISION_SECTIONS)[number];
export const PLAN_SECTIONS: readonly ProvisionSection[] = ['F', 'G', 'H1', 'H2'];

export const FREQUENCY_PERIODS = ['day', 'week', 'fortnight', 'month', 'half_term', 'term', 'year'] as const;

export const deliveredBy = () =>
  z.object(
    {
      organisation: text(200),
      role: text(200),
      qualification: text(200).optional(),
    },
    { error: 'must say who delivers it: organisation and role (and qualification where it matters)' },
  );

export const frequency = () =>
  z.object({
    sessions: z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(100, 'must be at most 100'),
    per: z.enum(FREQUENCY_PERIODS, { error: `must be one of ${FREQUENCY_PERIODS.join(', ')}` }),
  });

/** On whose authority a promise was made or changed: a named decision-maker and role. */
export const authority = () =>
  z.object({
    name: text(200),
    role: text(200),
    reference: text(200).optional(),
  });

export const person = () => z.object({ name: text(200), role: text(200) });

export const ASSESSMENT_REQUESTERS = ['parent_carer', 'young_person', 'school', 'health', 'other'] as const;
export const ADVICE_TYPES = ['educational', 'medical', 'psychological', 'social_care', 'early_years', 'other'] as const;
export const REVIEW_DECISIONS = ['maintain', 'amend', 'cease'] as const;

/** SEN2 cease reasons (the domain reference, section 1, "Ceasing"). */
export const CEASE_REASONS = [
  'max_age',
  'needs_met',
  'higher_education',
  'employment',
  'transferred_to_another_la',
  'no_engagement',
  'left_england',
  'deceased',
  'other',
] as const;

/** Transfers between phases that Regs 18 sets deadlines for. */
export const PHASE_TRANSFERS = [
  'early_years_to_school',
  'infant_to_junior',
  'primary_to_secondary',
  'secondary_to_post16',
  'post16_to_post16',
] as const;

/** A transition plan covers a phase transfer or a move to another LA (Regs 15). */
export const TRANSITIONS = [...PHASE_TRANSFERS, 'move_to_another_la'] as const;

/**
 * What the new LA tells the family after a move (reg 15(4)(b)): it keeps the plan as transferred, it will
 * make a new EHC needs assessment, or (said expressly) it will not reassess.
 */
export const NEW_LA_DECISIONS = ['maintain_as_transferred', 'reassess', 'no_reassessment'] as const;

export const SIGN_OFF_SUBJECTS = ['plan', 'section', 'review', 'handover', 'sen_support_plan'] as const;
export const PLAN_DOCUMENT_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;

/** Decisions that can be appealed to the First-tier Tribunal (SEND) (the domain reference, section 1). */
export const APPEALABLE_DECISIONS = [
  'refusal_to_assess',
  'refusal_to_issue',
  'plan_contents',
  'refusal_to_amend',
  'cease',
] as const;

/** The sections a contents appeal is about (CFA 2014 s.51(2)(c)): needs, provision, the school or institution named. */
export const APPEALED_SECTIONS = ['B', 'F', 'I'] as const;

/**
 * What the tribunal orders, or the LA agrees not to oppose (SEND Regs 2014 regs 43-45): arrange an assessment or
 * reassessment; make and maintain a plan; amend the plan's needs or provision (B, F, I); name a school or
 * institution (section I only); continue to maintain a plan it decided to cease.
 */
export const TRIBUNAL_ORDER_KINDS = ['assess', 'issue_plan', 'amend_plan', 'name_school', 'continue_to_maintain'] as const;
export type TribunalOrderKind = (typeof TRIBUNAL_ORDER_KINDS)[number];

/** How an appeal ended at the tribunal: dismissed, or allowed in whole or in part (the orders say what it orders). */
export const TRIBUNAL_OUTCOMES = ['dismissed', 'allowed', 'allowed_in_part'] as const;

/** What the tribunal directs the parties to do by a date. */
export const TRIBUNAL_DIRECTIONS = ['la_response', 'evidence', 'working_document', 'attendance', 'other'] as const;

/** The parties to an appeal, as the working document's key tells them apart. */
export const APPEAL_PARTIES = ['parent_carer', 'young_person', 'local_authority'] as const;
export type AppealParty = (typeof APPEAL_PARTIES)[number];

/** The non-binding health and social care recommendations of an extended appeal (sections C, D, G, H). */
export const RECOMMENDATION_SECTIONS = ['C', 'D', 'G', 'H1', 'H2'] as const;

/** The plan's sections a working document can amend: B, E, F and I bind; C, D, G and H are the advisory ones. */
export const WORKING_DOCUMENT_SECTIONS = ['B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I'] as const;
export type WorkingDocumentSection = (typeof WORKING_DOCUMENT_SECTIONS)[number];

/** The piece of evidence a line or a change rests on: a report in section K, to the page and paragraph. */
export const evidenceCitation = () =>
  z.object({
    author: text(200),
    role: text(200),
    writtenOn: isoDate(),
    page: z.int({ error: 'must be a whole page number' }).min(1, 'must be at least 1').max(2000).optional(),
    paragraph: text(20).optional(),
    /** The advice request whose report it is, where the report came as advice to this record. */
    adviceRequestId: id().optional(),
  });

// ---------------------------------------------------------------------------------------------
// Participation (CFA 2014 s.19; the domain reference, section 7)
// ---------------------------------------------------------------------------------------------

/** Whose views an entry records. From the end of compulsory school age the young person speaks for themself (CFA 2014 s.83(2)). */
export const VIEWS_WHOSE = ['child', 'parent_carer', 'young_person'] as const;
export type ViewsWhose = (typeof VIEWS_WHOSE)[number];
export const VIEWS_HOW = ['meeting', 'written', 'through_advocate', 'conversation', 'other'] as const;
/** What the views were given about; `general` views count for any decision. */
export const VIEWS_ABOUT = ['decision', 'review', 'sen_support_cycle', 'plan_section_a', 'general'] as const;
export type ViewsAbout = (typeof VIEWS_ABOUT)[number];

/** Meetings the family must (Regs 20(3), annual reviews) or should (CoP 6.65, SEN support reviews) be invited to. */
export const MEETINGS = ['annual_review', 'sen_support_review', 'draft_plan_meeting', 'cease_consultation', 'other'] as const;
export type Meeting = (typeof MEETINGS)[number];
export const INVITEES = ['parent_carer', 'young_person', 'child', 'school', 'health', 'social_care', 'la'] as const;
export type Invitee = (typeof INVITEES)[number];

/** Who set an SEN support cycle's targets (CoP 6.48: agreed with the parents and the pupil). */
export const TARGET_SETTERS = ['child', 'parent_carer', 'young_person', 'school', 'external_professional'] as const;
export type TargetSetter = (typeof TARGET_SETTERS)[number];

/** Who holds the rights of participation and appeal: the parent, or from the end of compulsory school age the young person. */
export const RIGHTS_HOLDERS = ['parent_carer', 'young_person'] as const;
export type RightsHolder = (typeof RIGHTS_HOLDERS)[number];

/** The decision entries a DecisionNotified may refer to (the date the family was told is its occurredAt). */
export const NOTIFIABLE_DECISION_TYPES = [
  'DecisionToAssess',
  'DecisionNotToAssess',
  'DecisionNotToIssue',
  'FinalPlanIssued',
  'PlanAmended',
  'PlanCeased',
  'AnnualReviewHeld',
  'ReviewDecisionNotified',
  'SenSupportCyclePlanned',
] as const;
export type NotifiableDecisionType = (typeof NOTIFIABLE_DECISION_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Plan types (see plan-types.ts for each type's legal force per section)
// ---------------------------------------------------------------------------------------------

/** Statutory plan types the record knows. A new type is a registry entry in plan-types.ts plus its entry types. */
export const PLAN_TYPES = ['ehc_plan'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** Services whose professionals read a child's record while involved (health, social care, educational psychology). */
export const INVOLVED_SERVICES = ['health', 'social_care', 'educational_psychology'] as const;
/** Who may be granted consent to read: they have no relationship of their own with the child. */
export const GRANTEE_ROLES = ['advocate', 'tribunal'] as const;
/** What a consent grant may cover (src/domain/access/read-kinds.ts). */
export const CONSENT_SCOPES = ['record', 'audit_trail', 'handover_pack', 'evidence_export'] as const;
