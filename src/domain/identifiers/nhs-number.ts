/**
 * The NHS number (NHS Data Dictionary): 10 digits, the last a modulus 11 check digit. Digits 1-9 are weighted
 * 10 down to 2; the check digit is 11 minus the sum modulo 11 (11 becomes 0), and a result of 10 means the
 * number is not valid. Written here rather than taken from a package: the rule is a few lines and exact.
 */
export function nhsNumberProblem(nhsNumber: string): string | null {
  if (!/^\d{10}$/.test(nhsNumber)) return 'must be 10 digits (without spaces)';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nhsNumber[i]) * (10 - i);
  const remainder = 11 - (sum % 11);
  const check = remainder === 11 ? 0 : remainder;
  if (check === 10 || check !== Number(nhsNumber[9])) return 'its check digit does not match: check the number';
  return null;
}

export const isValidNhsNumber = (nhsNumber: string): boolean => nhsNumberProblem(nhsNumber) === null;
