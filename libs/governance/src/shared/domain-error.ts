/**
 * A business rule the ledger refuses to break. `rule` is a stable identifier clients can match on;
 * `status` says how HTTP reports it: 404 a reference to something not recorded, 409 a clash with what is
 * recorded, 422 a fact that cannot be true.
 */
export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly status: 404 | 409 | 422 = 422,
    /** The part of a composite command that broke the rule (`votes[3]`, `facts[1]`), where there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Runs one part of a composite command: a rule it breaks is refused as the same rule and status, naming
 * the part (`votes[3]`, or more precisely `votes[3].membershipId` where `refine` places the rule).
 */
export function inPart<T>(part: string, decide: () => T, refine: (rule: string) => string | undefined = () => undefined): T {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof DomainError) || error.field !== undefined) throw error;
    const where = refine(error.rule);
    const field = where ? `${part}.${where}` : part;
    throw new DomainError(error.rule, `${field}: ${error.message}`, error.status, field);
  }
}

export class UnknownReference extends DomainError {
  constructor(what: string, id: string) {
    super('unknown-reference', `unknown ${what}: ${id}`, 404);
  }
}

export class AlreadyRecorded extends DomainError {
  constructor(what: string, id: string) {
    super('already-recorded', `${what} ${id} is already recorded`, 409);
  }
}
