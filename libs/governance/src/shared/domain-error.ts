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
  ) {
    super(message);
    this.name = 'DomainError';
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
