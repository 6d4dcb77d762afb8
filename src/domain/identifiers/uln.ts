/**
 * The Unique Learner Number (Learning Records Service): 10 digits, the last a check digit. Digits 1-9 are
 * weighted 10 down to 2; the check digit is 10 minus the sum modulo 11, and a number whose sum leaves no
 * remainder is never issued.
 */
export function ulnProblem(uln: string): string | null {
  if (!/^[1-9]\d{9}$/.test(uln)) return 'must be 10 digits, not starting with 0';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(uln[i]) * (10 - i);
  const check = 10 - (sum % 11);
  if (check === 10 || check !== Number(uln[9])) return 'its check digit does not match: check the number';
  return null;
}

export const isValidUln = (uln: string): boolean => ulnProblem(uln) === null;
