/**
 * The statistics behind the synthetic local authority, from ../shared/domain/SEND-DOMAIN.md (section 5,
 * "Statistics and sizing", and the sources it cites). Each figure says where it comes from; where the
 * reference gives none, the assumption is named as one. Rates are per LA at scale 1 (one average LA).
 */

/** England has about 152 LAs [63]: national figures are divided by this for one average LA. */
export const LOCAL_AUTHORITIES = 152;

/** Ten academic years, ending before today (the newest is 2025/26). */
export const FIRST_ACADEMIC_YEAR = 2016;
export const ACADEMIC_YEARS = 10;

/**
 * Per LA per year at the end of the decade (SEND-DOMAIN.md section 5, "my arithmetic"): ≈ 1,000 requests,
 * 640 new plans, 300 ceasings, 4,200 active plans, 8,700 SEN support pupils.
 */
export const END_OF_DECADE = { requests: 1_000, activePlans: 4_200, senSupport: 8_700 } as const;

/**
 * Demand grew over the decade (plans 2015 → 2025 more than doubled; requests 154,489 in 2024). The
 * reference gives the end point; this ramp from about half of it is an assumption that lands the decade
 * on the end-of-decade figures above. Index 0 is 2016/17.
 */
export const REQUEST_GROWTH = [0.55, 0.6, 0.65, 0.7, 0.72, 0.8, 0.85, 0.92, 1.0, 1.05] as const;

/**
 * At the start (September 2016) the LA already maintains plans and statements: about 287,000 in England in
 * January 2017 (statements still being transferred) / 152 ≈ 1,900 (assumption from the national series;
 * the reference has < 100 statements left by December 2018 [60]). Half are statements awaiting transfer.
 */
export const INITIAL_PLANS = 1_900;
export const INITIAL_STATEMENT_SHARE = 0.5;
/** SEN support at the start: 1.28m pupils in 2025 [60] were about 0.8 of that in 2016 (assumption). */
export const INITIAL_SEN_SUPPORT = Math.round(END_OF_DECADE.senSupport * 0.8);

/**
 * Outcome of a request. 2024: 154,489 requests, 97,747 new plans [42a][42b]: 63% of requests end in a plan.
 * Split (assumption consistent with that ratio): 30% refused an assessment, 9% of assessments end in a
 * decision not to issue: 0.70 × 0.91 = 0.637.
 */
export const REFUSE_TO_ASSESS = 0.3;
export const NOT_TO_ISSUE = 0.09;

/**
 * Final plans within 20 weeks (Regs 13(2)): 58.7% in 2019, 50.3% in 2023, 46.4% in 2024 [42a][46].
 * Years before 2019 are taken as 2019; between the known years the share is interpolated.
 */
export function timelyShare(calendarYear: number): number {
  const known: Array<[number, number]> = [[2019, 0.587], [2023, 0.503], [2024, 0.464]];
  if (calendarYear <= 2019) return 0.587;
  if (calendarYear >= 2024) return 0.464;
  for (let i = 1; i < known.length; i++) {
    const [y1, s1] = known[i]!;
    const [y0, s0] = known[i - 1]!;
    if (calendarYear <= y1) return s0 + ((s1 - s0) * (calendarYear - y0)) / (y1 - y0);
  }
  return 0.464;
}

/** One year saw 3,462 exceptions (Regs 10(4)) cited [71] against ~100,000 plans issued: about 3%. */
export const EXCEPTION_SHARE = 0.03;

/**
 * Appeals: 22,276 registered in 2024 [42b] / 152 ≈ 147 per LA; 61% on plan contents [61]. Per decision
 * (assumption sharing out the rest): contents after 14% of final plans, 10% of refusals to assess,
 * 25% of decisions not to issue, 3% of cessations.
 */
export const APPEAL_RATE = { plan_contents: 0.14, refusal_to_assess: 0.1, refusal_to_issue: 0.25, cease: 0.03 } as const;
/** 2022/23: 98.3% of hearings went for families [62]: an appealed refusal to assess is then assessed. */
export const APPEAL_WON = 0.9;

/**
 * Annual reviews (CFA s.44): each plan within 12 months. Decisions (assumption): maintain 62%, amend 32%,
 * cease 6%. 44,862 ceased of 638,745 plans in 2024 [42a] is ~7% a year, the rest of it from leaving
 * education after 16 and moves.
 */
export const REVIEW_DECISIONS = { maintain: 0.62, amend: 0.32, cease: 0.06 } as const;
/** Reviews held on time (assumption; late reviews are a recurring ombudsman finding [71]). */
export const REVIEW_ON_TIME = 0.75;
/** Phase transfer placements named by 15 February / 31 March (Regs 18) (assumption). */
export const TRANSFER_ON_TIME = 0.8;
/** Plans leaving with a move to another LA (Regs 15), per year (assumption). */
export const MOVE_OUT_PER_YEAR = 0.015;
/** After Year 11, plans ceased per year as young people move into work, higher education or drop out (assumption). */
export const POST16_CEASE_PER_YEAR = 0.2;
/** SEN2 cease reasons [47] after 16. */
export const POST16_CEASE_REASONS = { employment: 0.35, higher_education: 0.25, no_engagement: 0.15, other: 0.15, left_england: 0.1 } as const;

/**
 * SEN support: Assess-Plan-Do-Review cycles (CoP 6.44), about three a year, ~5 entries each
 * (SEND-DOMAIN.md section 5). A review ends SEN support 8% of the time (assumption).
 */
export const CYCLES_PER_YEAR = 3;
export const END_SEN_SUPPORT = 0.08;
/** Share of requests that come from children already on SEN support (assumption); the rest are new to the record. */
export const REQUESTS_FROM_SEN_SUPPORT = 0.75;
/** Who asks for an assessment (assumption). */
export const REQUESTERS = { parent_carer: 0.45, school: 0.45, health: 0.05, young_person: 0.02, other: 0.03 } as const;

/** Children with EHC plans in special schools: about 4 in 10 (assumption from the school census [59]). */
export const SPECIAL_SCHOOL_SHARE = 0.4;

/** Provision lines per new plan (assumption): F 2-4, G in 35%, H2 in 15%; one line in ten worded vaguely (CoP 9.69 red flags [36]). */
export const PROVISION = { fMin: 2, fMax: 4, g: 0.35, h2: 0.15, vague: 0.1 } as const;
/** Termly delivery records: a shortfall is reported for 12% of line-terms (assumption; ombudsman: F not delivered [71]). */
export const SHORTFALL_SHARE = 0.12;
/** Entries recorded more than 14 days after they happened (assumption). */
export const LATE_SHARE = 0.04;

/** Caseworker caseloads of about 200 (Swindon [67]): caseworkers per LA. */
export const CASEWORKERS = Math.ceil(END_OF_DECADE.activePlans / 200);

/** Schools and settings of an average LA (assumption: ~150 schools). */
export const SETTINGS = { primary: 70, secondary: 15, special: 5, college: 3, earlyYears: 20 } as const;
