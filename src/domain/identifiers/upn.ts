/**
 * The Unique Pupil Number (DfE, "Unique pupil numbers (UPN): guidance for schools and LAs"): a check letter,
 * the 3-digit LA code, the 4-digit establishment number, 2 digits of the year and a 3-digit serial. A
 * temporary UPN ends in a letter instead of a digit. The check letter is the weighted sum of characters 2-13
 * (weights 2-13) modulo 23, read in the guidance's 23-letter alphabet (no I, O or S).
 */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

const valueOf = (character: string): number => (/\d/.test(character) ? Number(character) : CHECK_LETTERS.indexOf(character));

export function upnCheckLetter(upn: string): string | null {
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const value = valueOf(upn[i]!);
    if (value < 0) return null;
    sum += value * (i + 1);
  }
  return CHECK_LETTERS[sum % 23]!;
}

/** Why a UPN is not one, in words, or null when it is valid. */
export function upnProblem(upn: string): string | null {
  if (!SHAPE.test(upn)) return 'must be 13 characters: a letter, 11 digits, and a digit or (for a temporary UPN) a letter';
  const expected = upnCheckLetter(upn);
  if (expected === null) return 'its last character is not a letter UPNs use (I, O and S are never used)';
  if (upn[0] !== expected) return `its check letter does not match: a UPN with these digits begins with ${expected}`;
  return null;
}

export const isValidUpn = (upn: string): boolean => upnProblem(upn) === null;
