/**
 * The domain's refusals, one class per kind. Messages speak to the person who sent the command,
 * and never repeat personal data from it (they end up in logs).
 */
export class RuleViolation extends Error {
  constructor(
    /** Stable id of the rule, e.g. "final-plan-requires-draft". */
    readonly rule: string,
    message: string,
    /** The input field the person should change, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

export class NotPermitted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotPermitted';
  }
}

export class NotFound extends Error {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFound';
  }
}
