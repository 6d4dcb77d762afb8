import type { z } from 'zod';
import type { provisionTerms } from '../child-record/events.js';
import type { ProvisionSection } from '../child-record/vocabulary.js';
import { DIRECT_THERAPIES, findTherapy, isGenericRole, isVagueQualification, statesRegistration, type TherapyKind } from './deliverer.js';
import { findRedFlagPhrases } from './phrases.js';
import { SOURCES } from './sources.js';

/**
 * Is a provision line "detailed and specific" and "normally quantified" (SEND Code of Practice 9.69)?
 * A pure check of one line's terms against the domain reference's test (SEND-DOMAIN.md section 2):
 * what, who (+ qualification), how often, how long, group size, review.
 *
 * What is checked, and what is deliberately not:
 * - **What**: the description must not rest on red-flag wording (see `phrases.ts`).
 * - **Who**: the role must be a role, not "staff" or "an adult"; a qualification, if given, must name
 *   something; therapy (speech and language, occupational, physiotherapy) and educational psychology
 *   must say the deliverer's qualification or registration ("HCPC-registered", "chartered"), in the
 *   qualification, the role or the description. These titles are protected by law, so a role of
 *   "speech and language therapist" implies registration; it is still flagged, because the plan should
 *   say so in words a parent can check, and because the common failure is a therapist's programme
 *   delivered by someone else without saying who devised and oversees it.
 * - **How often**: the schema already requires sessions per period. Therapy counted per term or per year
 *   is flagged as too loose (the pattern of sessions is left open); per half term, month, fortnight,
 *   week or day is not. Other provision per term or year is not flagged: advisory visits and
 *   consultation ("specialist teacher visits 2 times per term") are properly counted that way.
 * - **How long**: the schema already requires minutes per session. A missing end date is *not* flagged:
 *   provision in a plan runs until the plan is amended, and the plan is reviewed at least every 12 months
 *   (CFA 2014 s.44), so an open-ended line is the normal case, not a vague one.
 * - **Group size**: for section F and SEN support, either `groupSize` or the description must say it
 *   ("individual", "1:1", "in pairs", "a group of no more than 4", "6 pupils", "whole class"); "small group"
 *   alone is not a size. Not checked for G, H1 and H2, whose provision (medication, equipment, short
 *   breaks, personal care) often has no group.
 * - **Review**: not a per-line term; the plan's annual review covers every line.
 *
 * Severity: only section F carries the specificity requirement in law: special educational provision is
 * an absolute duty of the local authority (CFA 2014 s.42), CoP 9.69 and the case law (L v Clarke;
 * East Sussex v TW) concern it, and it is what the tribunal hears appeals on. So flags on section F are
 * 'legal'. Sections G, H1 and H2 are written the same way as a matter of good practice, and SEN support
 * (a school's own provision under the graduated approach) has no legal force at all: the same checks
 * run on them, reported as 'advice'.
 *
 * A variation (`ProvisionVaried`) is judged on the terms it leaves in force: pass `{ ...line, ...changes }`.
 */

export type ProvisionTermsInput = z.output<typeof provisionTerms>;
/** The terms the check reads; a `ProvisionLine`, a `ProvisionPromised` payload or a varied line all fit. */
export type AssessableTerms = Pick<ProvisionTermsInput, 'description' | 'deliveredBy' | 'frequency' | 'groupSize'>;

export type SpecificitySeverity = 'legal' | 'advice';

export const SPECIFICITY_FLAG_CODES = [
  /** The role names no role: "staff", "an adult", "support staff". */
  'generic-deliverer',
  /** A qualification is given but names nothing: "appropriately trained". */
  'vague-qualification',
  /** Therapy or educational psychology with no qualification or registration stated. */
  'therapy-qualification-missing',
  /** Therapy counted per term or per year. */
  'loose-therapy-frequency',
  /** Section F or SEN support with no group size. */
  'group-size-missing',
  /** "access to", "opportunities for", "regular", "support with", "differentiated curriculum". */
  'vague-wording',
  /** "as required", "where appropriate", "if needed", "may", "could", "should have access". */
  'discretionary-wording',
  /** "up to 10 hours": a ceiling is not a quantity. */
  'upper-bound-only',
] as const;
export type SpecificityFlagCode = (typeof SPECIFICITY_FLAG_CODES)[number];

export type AssessedField = 'description' | 'deliveredBy.role' | 'deliveredBy.qualification' | 'frequency' | 'groupSize';

export interface SpecificityFlag {
  code: SpecificityFlagCode;
  severity: SpecificitySeverity;
  /** Which term of the line the flag is about. */
  field: AssessedField;
  /** A sentence a caseworker or parent can act on. */
  message: string;
  /** The words matched, as written, or what is missing. */
  evidence: string;
  /** The authority for the requirement, e.g. "SEND Code of Practice 9.69". */
  source: string;
}

/** Section F is 'legal'; G, H1, H2 and SEN support are 'advice' (see the module comment). */
export const severityFor = (section: ProvisionSection): SpecificitySeverity => (section === 'F' ? 'legal' : 'advice');

/** Sections whose lines must say their group size. */
const GROUP_SIZE_SECTIONS: readonly ProvisionSection[] = ['F', 'SEN_SUPPORT'];

const SMALL_NUMBER = '(?:\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const STATES_GROUP_SIZE: readonly RegExp[] = [
  /(?<![\w:])1\s*:\s*\d{1,2}(?![\w:])/,
  /(?<![\w-])1\s*(?:-|to)\s*1(?![\w-])/i,
  /\bone[\s-]+to[\s-]+one\b/i,
  /\bindividually\b/i,
  /\bindividual\s+(?:[\w&-]+\s+){0,4}?(?:sessions?|therapy|teaching|tuition|support|work|lessons?|intervention|programme|basis)\b/i,
  /\b(?:in\s+pairs|paired|in\s+a\s+pair|with\s+(?:a|one)\s+peer)\b/i,
  new RegExp(`\\bgroups?\\s+of\\s+(?:up\\s+to\\s+|no\\s+more\\s+than\\s+|at\\s+most\\s+|a\\s+maximum\\s+of\\s+|between\\s+)?${SMALL_NUMBER}\\b`, 'i'),
  new RegExp(`\\b${SMALL_NUMBER}\\s+(?:other\\s+)?(?:pupils|children|students|learners|young\\s+people|peers)\\b`, 'i'),
  /\bwhole[\s-]+class\b/i,
];
export const statesGroupSize = (description: string) => STATES_GROUP_SIZE.some((pattern) => pattern.test(description));

const REGISTERED_EXAMPLE: Record<TherapyKind, string> = {
  speech_and_language_therapy: 'HCPC-registered speech and language therapist',
  occupational_therapy: 'HCPC-registered occupational therapist',
  physiotherapy: 'HCPC-registered physiotherapist',
  educational_psychology: 'HCPC-registered educational psychologist',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const PERIOD_WORDS: Record<ProvisionTermsInput['frequency']['per'], string> = {
  day: 'day', week: 'week', fortnight: 'fortnight', month: 'month', half_term: 'half term', term: 'term', year: 'year',
};

/** The specificity flags for one provision line in the given section, in the order: who, how often, group size, wording. */
export function assessSpecificity(terms: AssessableTerms, section: ProvisionSection): SpecificityFlag[] {
  const severity = severityFor(section);
  const flags: SpecificityFlag[] = [];
  const flag = (f: Omit<SpecificityFlag, 'severity'>) => flags.push({ ...f, severity });
  const { description, deliveredBy, frequency, groupSize } = terms;
  const { role, qualification } = deliveredBy;

  // Who.
  if (isGenericRole(role)) {
    flag({
      code: 'generic-deliverer',
      field: 'deliveredBy.role',
      evidence: role,
      message: `"${role}" does not say who will deliver this: name the role (for example teaching assistant, specialist teacher, speech and language therapist) and the qualification or training it needs.`,
      source: SOURCES.codeOfPractice969,
    });
  }
  const therapy = findTherapy(description, role);
  if (therapy) {
    const registered = statesRegistration(description) || statesRegistration(role) || (qualification !== undefined && statesRegistration(qualification));
    const qualified = qualification !== undefined && !isVagueQualification(qualification);
    if (!registered && !qualified) {
      flag({
        code: 'therapy-qualification-missing',
        field: 'deliveredBy.qualification',
        evidence: qualification === undefined ? `no qualification given for "${therapy.text}"` : `"${qualification}" for "${therapy.text}"`,
        message: `Say what qualification or registration the person delivering "${therapy.text}" holds (for example "${REGISTERED_EXAMPLE[therapy.kind]}"); if another adult delivers a therapist's programme, say who devised and oversees it and what training that adult has.`,
        source: SOURCES.codeOfPractice969,
      });
    }
  } else if (qualification !== undefined && isVagueQualification(qualification)) {
    flag({
      code: 'vague-qualification',
      field: 'deliveredBy.qualification',
      evidence: qualification,
      message: `"${qualification}" does not say what training or qualification is needed: name it (for example "Level 3 teaching assistant trained in Precision Teaching", "qualified teacher of the deaf").`,
      source: SOURCES.codeOfPractice969,
    });
  }

  // How often.
  if (therapy && DIRECT_THERAPIES.includes(therapy.kind) && (frequency.per === 'term' || frequency.per === 'year')) {
    const counted = `${plural(frequency.sessions, 'session')} per ${PERIOD_WORDS[frequency.per]}`;
    flag({
      code: 'loose-therapy-frequency',
      field: 'frequency',
      evidence: counted,
      message: `${counted} leaves the pattern of ${therapy.text} open: say how many sessions there will be per week, fortnight or half term, so that missed sessions can be seen and made up.`,
      source: SOURCES.codeOfPractice969,
    });
  }

  // Group size.
  if (GROUP_SIZE_SECTIONS.includes(section) && groupSize === undefined && !statesGroupSize(description)) {
    const smallGroup = /\bsmall[\s-]+groups?\b/i.exec(description);
    flag({
      code: 'group-size-missing',
      field: 'groupSize',
      evidence: smallGroup ? `"${smallGroup[0]}" with no size` : 'no group size given',
      message: 'Say whether this is delivered one-to-one or in a group, and the largest group size (for example "in a group of no more than 4 pupils").',
      source: SOURCES.codeOfPractice969,
    });
  }

  // What: the wording of the description.
  for (const match of findRedFlagPhrases(description)) {
    flag({ code: match.phrase.code, field: 'description', evidence: match.text, message: match.phrase.advice(match.text), source: match.phrase.source });
  }
  return flags;
}

/**
 * True when the line raises no 'legal' flag: for section F, the line meets the test of CoP 9.69 as far
 * as these checks can tell. For G, H1, H2 and SEN support no flag is 'legal', so this is always true;
 * ask whether `assessSpecificity` returned no flags at all for the good-practice test.
 */
export function specificAndQuantified(terms: AssessableTerms, section: ProvisionSection): boolean {
  return !assessSpecificity(terms, section).some((flag) => flag.severity === 'legal');
}
