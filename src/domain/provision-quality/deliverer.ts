/**
 * Who delivers: is the role a real role, is the qualification a real qualification, and is this a
 * therapy (whose deliverer's qualification the reference's test asks for: "who (+qualification)").
 */

/** Words that add nothing to who a person is: "a suitably trained member of school staff" is "member of staff". */
const ROLE_FILLER = new Set([
  'a', 'an', 'the', 'any', 'one', 'some', 'all', 'other', 'additional', 'extra', 'available', 'relevant', 'familiar',
  'appropriate', 'appropriately', 'suitable', 'suitably', 'trained', 'qualified', 'experienced', 'skilled',
  'designated', 'named', 'identified', 'allocated', 'dedicated', 'school', 'setting', 'class', 'classroom',
  'provider', 'of', 'from', 'by', 'and', 'or',
]);

/** What is left of a generic role once the filler is gone. */
const GENERIC_ROLES = new Set([
  '', 'staff', 'staff member', 'staff members', 'member staff', 'members staff', 'adult', 'adults', 'support',
  'support staff', 'supporting adult', 'adult support', 'support adult', 'person', 'people', 'professional',
  'professionals', 'practitioner', 'practitioners', 'team', 'staff team', 'support team', 'worker', 'workers',
  'helper', 'helpers', 'others', 'tbc', 'to be confirmed', 'various', 'n a', 'na', 'unknown',
]);

const words = (text: string) => text.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0);

/**
 * "staff", "an adult", "support staff", "appropriately trained school staff": a role that names no
 * role. "Teaching assistant", "SENCO", "class teacher", "key adult" and "specialist teacher (VI)" are roles.
 */
export function isGenericRole(role: string): boolean {
  return GENERIC_ROLES.has(words(role).filter((w) => !ROLE_FILLER.has(w)).join(' '));
}

/** Words that, alone, describe no qualification: "appropriately trained", "suitably qualified and experienced". */
const QUALIFICATION_FILLER = new Set([
  ...ROLE_FILLER, 'adequately', 'adequate', 'sufficiently', 'sufficient', 'properly', 'relevantly', 'training',
  'qualification', 'qualifications', 'experience', 'skills', 'competent', 'knowledgeable', 'specialist', 'specialised',
  'specialized', 'with', 'in', 'as', 'required', 'needed', 'necessary', 'where', 'staff', 'adult', 'adults', 'person',
  'yes', 'tbc', 'n', 'na', 'none', 'to', 'be', 'confirmed', 'various',
]);

/** A qualification that names nothing: "trained", "appropriately qualified", "relevant experience". */
export function isVagueQualification(qualification: string): boolean {
  return words(qualification).every((w) => QUALIFICATION_FILLER.has(w));
}

/**
 * A statement of professional registration: HCPC registration (speech and language therapists,
 * occupational therapists, physiotherapists and practitioner psychologists, educational psychologists
 * among them) or chartered status.
 */
const REGISTRATION = /\bHCPC\b|\bHealth\s+(?:and|&)\s+Care\s+Professions\s+Council\b|\bchartered\b/i;
export const statesRegistration = (text: string) => REGISTRATION.test(text);

export type TherapyKind = 'speech_and_language_therapy' | 'occupational_therapy' | 'physiotherapy' | 'educational_psychology';

/** Therapies: programmes of direct treatment, counted in sessions over weeks. */
export const DIRECT_THERAPIES: readonly TherapyKind[] = ['speech_and_language_therapy', 'occupational_therapy', 'physiotherapy'];

/** Acronyms are matched case-sensitively ("OT", not "ot"); words case-insensitively. */
const THERAPY_PATTERNS: ReadonlyArray<{ kind: TherapyKind; pattern: RegExp }> = [
  { kind: 'speech_and_language_therapy', pattern: /\bspeech,?\s+(?:and|&)\s+language\s+therap(?:y|ies|ist|ists)\b/i },
  { kind: 'speech_and_language_therapy', pattern: /\bspeech\s+therap(?:y|ies|ist|ists)\b/i },
  { kind: 'speech_and_language_therapy', pattern: /\b(?:SALT|SaLT|SLT|SLTs)\b/ },
  { kind: 'occupational_therapy', pattern: /\boccupational\s+therap(?:y|ies|ist|ists)\b/i },
  { kind: 'occupational_therapy', pattern: /\bOTs?\b/ },
  { kind: 'physiotherapy', pattern: /\bphysio(?:therapy|therapies|therapist|therapists)?\b/i },
  { kind: 'educational_psychology', pattern: /\beducational\s+psycholog(?:y|ist|ists)\b/i },
  { kind: 'educational_psychology', pattern: /\bEPs?\b/ },
];

export interface TherapyMention {
  kind: TherapyKind;
  /** The words as written. */
  text: string;
}

/** The first therapy (or educational psychology) named in the texts, in order of the texts. */
export function findTherapy(...texts: string[]): TherapyMention | undefined {
  for (const text of texts) {
    let first: (TherapyMention & { index: number }) | undefined;
    for (const { kind, pattern } of THERAPY_PATTERNS) {
      const match = pattern.exec(text);
      if (match && (first === undefined || match.index < first.index)) first = { kind, text: match[0], index: match.index };
    }
    if (first) return { kind: first.kind, text: first.text };
  }
  return undefined;
}
