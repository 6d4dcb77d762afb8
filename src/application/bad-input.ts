import type { ZodError } from 'zod';

/** Input that failed validation at the boundary, with the path of the first offending field. */
export class BadInput extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly issues: Array<{ field: string; message: string }>,
  ) {
    super(message);
    this.name = 'BadInput';
  }
}

export function badInputFrom(error: ZodError, prefix: string): BadInput {
  const issues = error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issue.message }));
  const first = issues[0] ?? { field: prefix, message: 'is invalid' };
  return new BadInput(`${first.field}: ${first.message}`, first.field, issues);
}
