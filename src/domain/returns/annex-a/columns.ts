/**
 * The columns of the Annex A lists an area SEND inspection asks a local area partnership for (Ofsted and CQC, "Area
 * SEND inspections: framework and handbook", the domain reference's source 50): List 1, the children and young people
 * with an EHC plan; List 2, those on SEN support.
 *
 * NOT THE OFFICIAL TEMPLATE. The inspectorates' Annex A spreadsheet could not be obtained here (nothing but the npm
 * registry is reachable): these columns are written from the published framework and handbook as we know them, in
 * their order of subject (who the child is, their needs, where they learn, the plan and its timeliness, reviews,
 * transfers, disputes, who holds the case). Compare them with the template the inspectorate sends before relying on
 * the column order. A column the template asks for that the ledger keeps nothing for is listed with `notHeld` (why):
 * every row says "Not held in SEND Ledger" there, never a guess.
 */
export interface AnnexAColumn {
  key: string;
  header: string;
  /** Width in characters in the spreadsheet. */
  width: number;
  /** Set when SEND Ledger keeps nothing for this column: why, in a sentence for the notes sheet and the page. */
  notHeld?: string;
}

// Why the same columns are not held on both lists: the ledger keeps a child's SEN decisions, and no more personal
// data than those need (UK GDPR art. 5(1)(c)); these facts are held by other systems of the partnership.
const NOT_HELD_BOTH: readonly AnnexAColumn[] = [
  { key: 'sex', header: 'Sex', width: 10, notHeld: 'The ledger records no sex or gender: its decisions do not need it. The school census and the LA case-management system hold it.' },
  { key: 'ethnicity', header: 'Ethnicity', width: 14, notHeld: 'The ledger records no ethnicity. The school census holds it.' },
  { key: 'homeLa', header: 'Lives in the local authority area', width: 16, notHeld: 'The ledger records no address or postcode, so it cannot say whether a child lives in or out of the area (it records the LA responsible).' },
  { key: 'lookedAfter', header: 'Looked after', width: 12, notHeld: "Looked-after status is held by children's social care, not recorded in SEND Ledger." },
  { key: 'childInNeedOrProtection', header: 'Child in need or child protection plan', width: 18, notHeld: "Held by children's social care, not recorded in SEND Ledger." },
  { key: 'freeSchoolMeals', header: 'Eligible for free school meals', width: 14, notHeld: 'Held by schools and the school census, not recorded in SEND Ledger.' },
  { key: 'englishAdditionalLanguage', header: 'English as an additional language', width: 14, notHeld: 'Held by schools and the school census, not recorded in SEND Ledger.' },
  { key: 'attendance', header: 'Attendance (%)', width: 12, notHeld: "Attendance is held in schools' registers, not recorded in SEND Ledger." },
  { key: 'suspensionsExclusions', header: 'Suspensions and permanent exclusions', width: 16, notHeld: 'Held by schools and the LA exclusions team, not recorded in SEND Ledger.' },
  { key: 'settingType', header: 'Type of setting', width: 16, notHeld: 'The ledger records a setting by name and URN only; its type (mainstream, special, independent...) is in Get Information about Schools.' },
];

/** List 1: every child or young person with an EHC plan the LA maintains on the day. */
export const LIST_1_COLUMNS: readonly AnnexAColumn[] = [
  { key: 'name', header: 'Name (as recorded: a display name or pseudonym)', width: 28 },
  { key: 'upn', header: 'Unique pupil number (UPN)', width: 20 },
  { key: 'dateOfBirth', header: 'Date of birth', width: 14 },
  { key: 'age', header: 'Age on the day (years)', width: 10 },
  { key: 'primaryNeed', header: 'Primary need', width: 26 },
  { key: 'secondaryNeed', header: 'Secondary need', width: 26 },
  { key: 'setting', header: 'Setting named in the EHC plan (section I)', width: 30 },
  { key: 'settingUrn', header: 'Setting URN', width: 10 },
  { key: 'planIssued', header: 'Date the EHC plan was issued', width: 14 },
  { key: 'within20Weeks', header: 'Issued within 20 weeks of the request', width: 16 },
  { key: 'weeksLate', header: 'Weeks beyond the 20 weeks', width: 12 },
  { key: 'exceptionCase', header: 'Exception case (SEND Regulations 2014 reg 10(4))', width: 16 },
  { key: 'lastReview', header: 'Date of the last annual review', width: 14 },
  { key: 'nextReviewDue', header: 'Next annual review due', width: 14 },
  { key: 'reviewOverdue', header: 'Annual review overdue', width: 12 },
  { key: 'phaseTransfer', header: 'Phase transfer: next setting named', width: 34 },
  { key: 'openTribunalOrders', header: 'Tribunal orders or conceded appeals still to comply with', width: 16 },
  { key: 'la', header: 'Local authority maintaining the plan', width: 16 },
  { key: 'caseworker', header: 'Caseworker', width: 20 },
  ...NOT_HELD_BOTH,
  { key: 'personalBudget', header: 'Personal budget', width: 12, notHeld: 'The ledger records no personal budget.' },
  { key: 'sources', header: 'Sources (ledger entry ids)', width: 40 },
];

/** List 2: every child or young person on SEN support (no EHC plan maintained) on the day. */
export const LIST_2_COLUMNS: readonly AnnexAColumn[] = [
  { key: 'name', header: 'Name (as recorded: a display name or pseudonym)', width: 28 },
  { key: 'upn', header: 'Unique pupil number (UPN)', width: 20 },
  { key: 'dateOfBirth', header: 'Date of birth', width: 14 },
  { key: 'age', header: 'Age on the day (years)', width: 10 },
  { key: 'primaryNeed', header: 'Primary need', width: 26 },
  { key: 'secondaryNeed', header: 'Secondary need', width: 26 },
  { key: 'setting', header: 'Setting (on roll)', width: 30 },
  { key: 'settingUrn', header: 'Setting URN', width: 10 },
  { key: 'cycleStarted', header: 'Current assess-plan-do-review cycle started', width: 14 },
  { key: 'reviewDue', header: 'Review of the cycle due', width: 14 },
  { key: 'reviewHeld', header: 'Review of the cycle held', width: 14 },
  { key: 'reviewOverdue', header: 'Review overdue', width: 12 },
  { key: 'assessmentRequested', header: 'EHC needs assessment requested and not yet decided', width: 16 },
  { key: 'la', header: 'Local authority', width: 16 },
  ...NOT_HELD_BOTH,
  { key: 'sources', header: 'Sources (ledger entry ids)', width: 40 },
];

export const notHeldColumns = (columns: readonly AnnexAColumn[]) => columns.filter((column) => column.notHeld !== undefined);
