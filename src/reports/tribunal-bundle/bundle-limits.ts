import { addMonths, daysBetween } from '../../domain/calendar/iso-date.js';
import type { AppealType } from '../../integrity/evidence/bundle.js';
import type { BundlePart } from './bundle-content.js';
import { pagesOf, type BundleLayout } from './bundle-layout.js';
import { adviceAppendices, reportName } from './expert-reports.js';
import type { TribunalBundleInput } from './tribunal-bundle-input.js';
import { ageInWords, englandDay, ukDate } from '../../domain/calendar/uk-dates.js';

const SOURCE = 'Practice Direction No. 1 of 2025 (First-tier Tribunal, Special Educational Needs and Disability), Schedule One';

export type LimitKind =
  | 'core_bundle'
  | 'plan_and_appendices'
  | 'working_document'
  | 'party_evidence'
  | 'expert_report_length'
  | 'expert_report_summary'
  | 'expert_report_age';

/** The appeal types in words, as the cover and the limits name them. */
export const APPEAL_TYPE_WORDS: Record<AppealType, string> = {
  refusal_to_assess: 'a refusal to carry out an EHC needs assessment',
  refusal_to_issue: 'a refusal to issue an EHC plan',
  sections_b_and_f: 'the special educational needs and provision in the EHC plan (sections B and F)',
  section_i: 'the school or other institution named in the EHC plan (section I)',
  cease_to_maintain: 'a decision to cease to maintain the EHC plan',
  health_and_social_care_recommendation: 'the health and social care parts of the EHC plan (a recommendation)',
};

/** Each limit the Practice Direction sets on a bundle, in one place, with its source. */
export const BUNDLE_LIMITS = {
  source: SOURCE,
  /** The cover, the index and sections A to C: the appeal, the decision, the local authority's response. */
  coreBundlePages: 100,
  /** Section D and the page counts of the expert reports appended to the plan (held outside the ledger). */
  planAndAppendicesPages: 150,
  workingDocumentPages: 25,
  /** Each party's evidence (sections E and F), by the type of appeal. */
  partyEvidencePages: {
    refusal_to_assess: 75,
    refusal_to_issue: 100,
    sections_b_and_f: 100,
    section_i: 75,
    cease_to_maintain: 75,
    health_and_social_care_recommendation: 75,
  } satisfies Record<AppealType, number>,
  expertReportPages: 15,
  expertReportSummaryPages: 2,
  /** An expert report must be no more than 3 years old at the hearing. */
  expertReportAgeMonths: 36,
} as const;

export interface LimitFinding {
  kind: LimitKind;
  /** What is over: "the bundle" or the report, in words. */
  subject: string;
  /** For a report: the number (section E's) of the entry that describes it; null for the bundle. */
  entry: number | null;
  /** The limit, the amount found, and how far over, in `unit` (a report's age is counted in days). */
  limit: number;
  actual: number;
  over: number;
  unit: 'pages' | 'days';
  message: string;
  source: string;
}

const pages = (n: number) => (n === 1 ? '1 page' : `${n} pages`);

/** A finding when `actual` pages are over `limit`, else none. */
const pagesOver = (kind: LimitKind, subject: string, entry: number | null, limit: number, actual: number, message: (excess: number) => string): LimitFinding[] =>
  actual > limit ? [{ kind, subject, entry, limit, actual, over: actual - limit, unit: 'pages', message: message(actual - limit), source: SOURCE }] : [];

/** Everything over the Practice Direction's limits, each in words; an empty list when the bundle is within them. */
export function checkBundleLimits(layout: BundleLayout, input: TribunalBundleInput): LimitFinding[] {
  const findings: LimitFinding[] = [];
  const partPages = (part: BundlePart) => layout.sections.filter((s) => s.part === part).reduce((sum, s) => sum + pagesOf(s), 0);
  const over = (kind: LimitKind, limit: number, actual: number, message: (excess: number) => string) =>
    findings.push(...pagesOver(kind, 'the bundle', null, limit, actual, message));

  const core = pagesOf(layout.cover) + pagesOf(layout.index) + partPages('core_bundle') + partPages('working_document');
  over('core_bundle', BUNDLE_LIMITS.coreBundlePages, core, (x) =>
    `The core bundle (the cover, the index and sections A to C) runs to ${pages(core)}: ${x} over the limit of ${BUNDLE_LIMITS.coreBundlePages}`);

  const reports = adviceAppendices(input.entries).filter((a) => a.report !== null);
  const plan = partPages('plan_and_appendices') + reports.reduce((sum, a) => sum + a.report!.pages, 0);
  over('plan_and_appendices', BUNDLE_LIMITS.planAndAppendicesPages, plan, (x) =>
    `The EHC plan and its appendices run to ${pages(plan)}: ${x} over the limit of ${BUNDLE_LIMITS.planAndAppendicesPages}`);

  const working = partPages('working_document');
  over('working_document', BUNDLE_LIMITS.workingDocumentPages, working, (x) =>
    `The working document runs to ${pages(working)}: ${x} over the limit of ${BUNDLE_LIMITS.workingDocumentPages}`);

  const appeal = input.manifest.appeal;
  if (appeal) {
    const limit = BUNDLE_LIMITS.partyEvidencePages[appeal.appealType];
    const evidence = partPages('party_evidence');
    over('party_evidence', limit, evidence, (x) =>
      `The evidence (sections E and F) runs to ${pages(evidence)}: ${x} over the limit of ${limit} for an appeal against ${APPEAL_TYPE_WORDS[appeal.appealType]}`);
  }

  findings.push(...expertReportFindings(input));
  return findings;
}

/**
 * The expert reports over the limits on their own length, summary and age: these do not depend on how the
 * bundle is drawn, so the bundle itself can state them beside each report (section D).
 */
export function expertReportFindings(input: TribunalBundleInput): LimitFinding[] {
  const findings: LimitFinding[] = [];
  const appeal = input.manifest.appeal;
  const reports = adviceAppendices(input.entries).filter((a) => a.report !== null);
  // Judged at the hearing; with none listed yet, on the day the bundle was compiled, and the message says so.
  const judgedOn = appeal?.hearingDate ?? englandDay(input.manifest.compiledAt);
  const at = appeal?.hearingDate ? `at the hearing on ${ukDate(judgedOn)}` : `on ${ukDate(judgedOn)}, when the bundle was compiled (no hearing date is listed yet)`;
  for (const appendix of reports) {
    const report = appendix.report!;
    const name = reportName(appendix, ukDate(report.writtenOn));
    const entry = appendix.revision + 1;
    findings.push(
      ...pagesOver('expert_report_length', name, entry, BUNDLE_LIMITS.expertReportPages, report.pages, (x) =>
        `${name} is ${pages(report.pages)}: ${x} over the ${BUNDLE_LIMITS.expertReportPages}-page limit`),
      ...pagesOver('expert_report_summary', name, entry, BUNDLE_LIMITS.expertReportSummaryPages, report.summaryPages, (x) =>
        `${name} has a summary of ${pages(report.summaryPages)}: ${x} over the ${BUNDLE_LIMITS.expertReportSummaryPages}-page limit for the executive summary`),
    );
    const limitDays = daysBetween(report.writtenOn, addMonths(report.writtenOn, BUNDLE_LIMITS.expertReportAgeMonths));
    const ageDays = daysBetween(report.writtenOn, judgedOn);
    if (ageDays > limitDays) {
      findings.push({
        kind: 'expert_report_age',
        subject: name,
        entry,
        limit: limitDays,
        actual: ageDays,
        over: ageDays - limitDays,
        unit: 'days',
        message: `${name} is ${ageInWords(report.writtenOn, judgedOn)} old ${at}: more than 3 years`,
        source: SOURCE,
      });
    }
  }
  return findings;
}
