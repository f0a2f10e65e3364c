import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { MAX_JSON_DEPTH, jsonDeeperThan } from './json-depth';
import { HTTP_RULES, InvalidField, UnreadableRequest } from './ledger-errors';

/** A query parameter every read takes, handled before the route (read-models/min-position.interceptor.ts), not by its query's DTO. */
export const MIN_POSITION = 'minPosition';

/** At most this many problems are spelt out in one message; the first one is the `field`. */
const MAX_PROBLEMS = 20;
const MAX_MESSAGE = 2000;

interface Problem {
  field: string;
  message: string;
}

/**
 * class-validator's errors as one `invalid-field` refusal: `field` is the dotted path of the first
 * offending value (`source.title`, `bodies.0.quorum`), the message spells out each problem under its path.
 */
export function invalidFieldError(errors: ValidationError[]): InvalidField {
  const problems: Problem[] = [];
  // Iterative and in document order, so neither a deep nor a wide value is a problem to describe.
  const pending: [ValidationError, string][] = errors.map((error) => [error, '']).reverse() as [ValidationError, string][];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [error, parent] = pending.pop()!;
    const property = error.property === undefined || error.property === '' ? '' : String(error.property);
    const path = parent && property ? `${parent}.${property}` : parent || property || 'body';
    for (const message of Object.values(error.constraints ?? {})) {
      if (problems.length < MAX_PROBLEMS) problems.push({ field: path, message: atPath(message, property, path) });
    }
    for (const child of [...(error.children ?? [])].reverse()) pending.push([child, path]);
  }
  if (problems.length === 0) problems.push({ field: 'body', message: 'the request body is not valid' });
  let message = problems.map((problem) => problem.message).join('; ');
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  return new InvalidField(problems[0].field, message);
}

/** class-validator names only the property (`title must be a string`): name the whole path instead. */
function atPath(message: string, property: string, path: string): string {
  if (!property || property === path) return message;
  for (const lead of ['', 'property ', 'each value in ', 'nested property ']) {
    if (message.startsWith(`${lead}${property} `)) return `${lead}${path}${message.slice(lead.length + property.length)}`;
  }
  return `${path}: ${message}`;
}

/**
 * The one validation every command passes, over HTTP and from an import file alike: unknown fields
 * refused, values transformed to their DTOs, every refusal an `invalid-field` naming the field; a body
 * nested deeper than MAX_JSON_DEPTH is refused before class-validator walks it.
 */
export class CommandValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: invalidFieldError });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (jsonDeeperThan(value, MAX_JSON_DEPTH)) {
      throw new UnreadableRequest(HTTP_RULES.jsonTooDeep, `the ${metadata.type} nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    if (metadata.type === 'query' && typeof value === 'object' && value !== null && MIN_POSITION in value) {
      const { [MIN_POSITION]: _handled, ...own } = value as Record<string, unknown>;
      return super.transform(own, metadata);
    }
    return super.transform(value, metadata);
  }
}
