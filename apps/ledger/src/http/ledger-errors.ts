import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';

/**
 * The one shape of every refusal: `{ statusCode, error, rule, message }`, plus optional fields that say
 * where (`field`, `stream`, `currentRevision`…). `rule` is the stable identifier a client matches on.
 */
export interface LedgerErrorBody {
  statusCode: number;
  error: string;
  rule: string;
  message: string;
  [extra: string]: unknown;
}

/** Rules of the refusals the HTTP layer itself gives (domain rules come from DomainError). */
export const HTTP_RULES = {
  invalidField: 'invalid-field',
  malformedJson: 'malformed-json',
  jsonTooDeep: 'json-too-deep',
  bodyTooLarge: 'body-too-large',
  malformedUrl: 'malformed-url',
  unreadableBody: 'unreadable-body',
  jsonRequired: 'json-required',
  keyRequired: 'key-required',
  keyInvalid: 'key-invalid',
  roleNotAllowed: 'role-not-allowed',
  bodyNotServed: 'body-not-served',
  routeNotFound: 'route-not-found',
  unknownReference: 'unknown-reference',
  idempotencyKeyReused: 'idempotency-key-reused',
  internalError: 'internal-error',
  storageFull: 'storage-full',
  notCaughtUp: 'not-caught-up',
} as const;

export type AuthenticationRule = typeof HTTP_RULES.keyRequired | typeof HTTP_RULES.keyInvalid;
export type AuthorisationRule = typeof HTTP_RULES.roleNotAllowed | typeof HTTP_RULES.bodyNotServed;

/** The four members first, then the fields saying where; the four are never overridden by `extra`. */
function body(statusCode: number, error: string, rule: string, message: string, extra: Record<string, unknown> = {}): LedgerErrorBody {
  const { statusCode: _status, error: _error, rule: _rule, message: _message, ...where } = extra;
  return { statusCode, error, rule, message, ...where };
}

/** 400 `invalid-field`: `field` is the dotted path of the offending value (`source.title`, `bodies.0.quorum`). */
export class InvalidField extends BadRequestException {
  constructor(
    readonly field: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(body(400, 'InvalidField', HTTP_RULES.invalidField, message, { field, ...extra }));
  }
}

export type UnreadableRule =
  | typeof HTTP_RULES.malformedJson
  | typeof HTTP_RULES.jsonTooDeep
  | typeof HTTP_RULES.bodyTooLarge
  | typeof HTTP_RULES.malformedUrl
  | typeof HTTP_RULES.unreadableBody
  | typeof HTTP_RULES.jsonRequired;

/**
 * A request the ledger cannot read at all, refused before any validation: 400 `malformed-json`,
 * `json-too-deep`, `body-too-large`, `malformed-url`, `unreadable-body`; 415 `json-required`.
 */
export class UnreadableRequest extends HttpException {
  constructor(
    readonly rule: UnreadableRule,
    message: string,
    status: 400 | 415 = 400,
  ) {
    super(body(status, 'UnreadableRequest', rule, message), status);
  }
}

/** 401: `key-required` (no key where one is needed) or `key-invalid` (a key was sent and is not valid). */
export class Unauthenticated extends UnauthorizedException {
  constructor(
    readonly rule: AuthenticationRule,
    message: string,
  ) {
    super(body(401, 'Unauthenticated', rule, message));
  }
}

/** 403: `role-not-allowed` (the key's role may not do this) or `body-not-served` (an officer key not for that body). */
export class Forbidden extends ForbiddenException {
  constructor(
    readonly rule: AuthorisationRule,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(body(403, 'Forbidden', rule, message, extra));
  }
}

/** 404 for a read of something the ledger does not know (`unknown-reference`), or a route that does not exist. */
export class NotFound extends NotFoundException {
  constructor(
    readonly rule: typeof HTTP_RULES.unknownReference | typeof HTTP_RULES.routeNotFound,
    message: string,
  ) {
    super(body(404, 'NotFound', rule, message));
  }
}

/** 422 `idempotency-key-reused`: the Idempotency-Key was already used for another request. */
export class IdempotencyKeyReused extends UnprocessableEntityException {
  constructor(message: string) {
    super(body(422, 'IdempotencyKeyReused', HTTP_RULES.idempotencyKeyReused, message));
  }
}

/** The rule a bare HttpException gets when it names none (Nest's own, or one thrown without a rule). */
const DEFAULT_RULES: ReadonlyMap<number, string> = new Map([
  [400, 'bad-request'],
  [401, HTTP_RULES.keyRequired],
  [403, HTTP_RULES.roleNotAllowed],
  [404, HTTP_RULES.unknownReference],
  [413, HTTP_RULES.bodyTooLarge],
  [422, 'unprocessable'],
]);

const ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [400, 'BadRequest'],
  [401, 'Unauthenticated'],
  [403, 'Forbidden'],
  [404, 'NotFound'],
  [405, 'MethodNotAllowed'],
  [409, 'Conflict'],
  [413, 'BodyTooLarge'],
  [415, 'UnsupportedMediaType'],
  [422, 'Unprocessable'],
  [429, 'TooManyRequests'],
]);

/** Any HttpException in the one shape: its own rule and fields when it has them, a rule by status when not. */
export function describeHttpException(error: HttpException, request?: { method?: string; url?: string }): LedgerErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  const given: Record<string, unknown> = typeof response === 'object' && response !== null ? { ...(response as object) } : {};
  const rawMessage = typeof response === 'string' ? response : given.message;
  let message = Array.isArray(rawMessage) ? rawMessage.map(String).join('; ') : String(rawMessage ?? error.message);
  let rule = typeof given.rule === 'string' ? given.rule : undefined;
  if (!rule && status === 404 && request && message === `Cannot ${request.method} ${request.url}`) {
    rule = HTTP_RULES.routeNotFound;
    message = `no route ${request.method} ${request.url?.split('?')[0]}`;
  }
  if (!rule && status === 400 && /^Failed to decode param/.test(message)) rule = HTTP_RULES.malformedUrl;
  rule ??= DEFAULT_RULES.get(status) ?? (status >= 500 ? HTTP_RULES.internalError : `http-${status}`);
  const name = typeof given.rule === 'string' && typeof given.error === 'string' ? given.error : (ERROR_NAMES.get(status) ?? 'Error');
  return body(status, name, rule, message, given);
}
