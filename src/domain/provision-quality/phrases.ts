import { SOURCES, citing } from './sources.js';

/**
 * The red-flag phrases of the domain reference (SEND-DOMAIN.md section 2: "access to", "opportunities
 * for", "regular", "as required/needed/appropriate", "support with", "where appropriate", "differentiated
 * curriculum"), the hedges that do the same work ("may", "could", "should have access", "if needed",
 * "where necessary") and "up to" (an upper bound is not a quantity).
 *
 * Matching is case-insensitive and whole-word: "irregular" is not "regular" (it is a different word, and
 * a plan that calls provision irregular has a different problem), "accessible" is not "access to",
 * "support without" is not "support with". Words may be separated by spaces or hyphens ("as-needed").
 *
 * Three phrases are judged in context, to keep false alarms off good wording:
 * - "May" with a capital M and the rest lower case is a proper noun (the month, or a child called May),
 *   not the hedge: "from May 2025", "May will receive". "may" and "MAY" are flagged.
 * - "up to" is flagged only before an amount ("up to 10 hours", "up to three sessions", "up to an hour");
 *   "up to date" and "up to the end of Year 6" say nothing about quantity. A ceiling on a group
 *   ("groups of up to 4", "up to 6 pupils") is a proper group size, not a ceiling on provision.
 * - Where two phrases overlap, the longer one is reported: "should have access to" is one flag.
 */

export type PhraseCode =
  /** Says something is available or happens, without saying what or how much: "access to", "regular". */
  | 'vague-wording'
  /** Leaves whether provision happens to someone's later judgement: "as required", "may". */
  | 'discretionary-wording'
  /** Sets a ceiling with no floor: "up to 10 hours". */
  | 'upper-bound-only';

export interface RedFlagPhrase {
  id: string;
  code: PhraseCode;
  /** Every variant the pattern is meant to catch, as it would be written in a plan. */
  variants: readonly string[];
  /** Global, case-insensitive. */
  pattern: RegExp;
  /** Whether a match is a red flag where it stands (default: always). */
  inContext?: (match: RegExpExecArray, text: string) => boolean;
  /** A sentence a caseworker or parent can act on, quoting the words matched. */
  advice: (matched: string) => string;
  source: string;
}

export interface PhraseMatch {
  phrase: RedFlagPhrase;
  /** The words as written in the description. */
  text: string;
  index: number;
}

/** Between the words of a phrase: spaces (including no-break spaces) or hyphens. */
const GAP = '[\\s\\u00a0-]+';
const phrasePattern = (...variants: string[]) =>
  new RegExp(`\\b(?:${variants.map((v) => v.split(/\s+/).join(GAP)).join('|')})\\b`, 'gi');

/** An amount: digits (a unit may follow without a space, "10hrs") or a number word. */
const NUMBER =
  '(?:\\d+(?:\\.\\d+)?|(?:an?|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety)\\b)';
/** Words after "up to N" that make it a ceiling on provision. */
const AMOUNT_UNITS = new Set([
  'hour', 'hours', 'hr', 'hrs', 'minute', 'minutes', 'min', 'mins', 'session', 'sessions', 'time', 'times', 'day', 'days',
  'week', 'weeks', 'lesson', 'lessons', 'period', 'periods', 'visit', 'visits', 'block', 'blocks', 'x',
]);
/** Words after "up to N" that make it a group size. */
const PEOPLE = new Set(['pupil', 'pupils', 'child', 'children', 'student', 'students', 'learner', 'learners', 'young', 'peers', 'others']);

const LEAVES_IT_TO_JUDGEMENT = (m: string) =>
  `"${m}" leaves it to someone's later judgement whether the provision happens at all: state the provision that will be made, or the circumstances that trigger it and exactly what is then provided.`;
const OPTIONAL = (m: string) =>
  `"${m}" makes the provision optional: write what will be provided ("will receive"), by whom, how often and for how long.`;

export const RED_FLAG_PHRASES: readonly RedFlagPhrase[] = [
  {
    id: 'should-have-access',
    code: 'discretionary-wording',
    variants: ['should have access', 'should have access to', 'should be given access to'],
    pattern: phrasePattern('should have access to', 'should have access', 'should be given access to', 'should be given access'),
    advice: (m) => `"${m}" is an aspiration, not a commitment: write what the child will receive, from whom, how often and for how long.`,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'access-to',
    code: 'vague-wording',
    variants: ['access to'],
    pattern: phrasePattern('access to'),
    advice: (m) => `"${m}" says something is available, not that it will be provided: say what the child will receive, from whom, how often and for how long.`,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'opportunities',
    code: 'vague-wording',
    variants: ['opportunities for', 'opportunities to', 'opportunity to', 'opportunity for'],
    pattern: phrasePattern('opportunities for', 'opportunities to', 'opportunity to', 'opportunity for'),
    advice: (m) => `"${m}" offers a chance of provision rather than provision: state what will be provided, by whom, how often and for how long.`,
    source: citing(SOURCES.eastSussexVTW, SOURCES.codeOfPractice969),
  },
  {
    id: 'regular',
    code: 'vague-wording',
    variants: ['regular', 'regularly'],
    pattern: phrasePattern('regular', 'regularly'),
    advice: (m) => `"${m}" is not a frequency: state how many sessions, of how many minutes, per week (or per fortnight or half term).`,
    source: SOURCES.codeOfPractice969,
  },
  {
    id: 'as-required',
    code: 'discretionary-wording',
    variants: ['as required', 'as needed', 'as appropriate', 'as necessary'],
    pattern: phrasePattern('as required', 'as needed', 'as appropriate', 'as necessary'),
    advice: LEAVES_IT_TO_JUDGEMENT,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'where-appropriate',
    code: 'discretionary-wording',
    variants: ['where appropriate', 'where necessary', 'where needed', 'where required', 'when appropriate', 'when needed', 'when required'],
    pattern: phrasePattern('where appropriate', 'where necessary', 'where needed', 'where required', 'when appropriate', 'when needed', 'when required'),
    advice: LEAVES_IT_TO_JUDGEMENT,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'if-needed',
    code: 'discretionary-wording',
    variants: ['if needed', 'if necessary', 'if required', 'if appropriate'],
    pattern: phrasePattern('if needed', 'if necessary', 'if required', 'if appropriate'),
    advice: LEAVES_IT_TO_JUDGEMENT,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'support-with',
    code: 'vague-wording',
    variants: ['support with'],
    pattern: phrasePattern('support with'),
    advice: (m) => `"${m}" does not say what the support is: name the intervention or approach, who delivers it, how often, for how long and in what group size.`,
    source: SOURCES.codeOfPractice969,
  },
  {
    id: 'differentiated-curriculum',
    code: 'vague-wording',
    variants: ['differentiated curriculum'],
    pattern: phrasePattern('differentiated curriculum'),
    advice: (m) => `"${m}" does not say what will be different for this child: name the adaptations, resources or programmes, who provides them and how often.`,
    source: SOURCES.codeOfPractice969,
  },
  {
    id: 'up-to',
    code: 'upper-bound-only',
    variants: ['up to 10 hours', 'up to three sessions', 'up to 30 minutes', 'up to an hour', 'up to 5 hours'],
    pattern: new RegExp(`\\bup${GAP}to${GAP}${NUMBER}(?:\\s*([a-z]+)\\b)?`, 'gi'),
    inContext: (match, text) => {
      const next = match[1]?.toLowerCase();
      if (next !== undefined && PEOPLE.has(next)) return false;
      if (next !== undefined && AMOUNT_UNITS.has(next)) return true;
      return !/\bgroups?(?:\s+sizes?)?(?:\s+of)?\s+$/i.test(text.slice(0, match.index));
    },
    advice: (m) => `"${m}" sets only a ceiling, so providing nothing would comply: state the amount the child will receive (a fixed amount, or a minimum such as "at least …").`,
    source: SOURCES.codeOfPractice969,
  },
  {
    id: 'may',
    code: 'discretionary-wording',
    variants: ['may'],
    pattern: phrasePattern('may'),
    inContext: (match) => match[0] !== 'May',
    advice: OPTIONAL,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
  {
    id: 'could',
    code: 'discretionary-wording',
    variants: ['could'],
    pattern: phrasePattern('could'),
    advice: OPTIONAL,
    source: citing(SOURCES.codeOfPractice969, SOURCES.lVClarke),
  },
];

/**
 * The red-flag phrases in a description, in the order they appear. Overlapping matches keep the longer
 * one; the same words (ignoring case and spacing) matched twice by the same phrase are reported once.
 */
export function findRedFlagPhrases(description: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const phrase of RED_FLAG_PHRASES) {
    for (const match of description.matchAll(phrase.pattern)) {
      if (phrase.inContext && !phrase.inContext(match, description)) continue;
      found.push({ phrase, text: match[0], index: match.index });
    }
  }
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: PhraseMatch[] = [];
  const seen = new Set<string>();
  let coveredTo = -1;
  for (const match of found) {
    if (match.index < coveredTo) continue;
    coveredTo = match.index + match.text.length;
    const key = `${match.phrase.id}:${normalise(match.text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(match);
  }
  return kept;
}

const normalise = (words: string) => words.toLowerCase().replace(/[\s\u00a0-]+/g, ' ');
