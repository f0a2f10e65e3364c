import { json, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from './actor';
import { MAX_JSON_DEPTH, jsonDeeperThan } from '../http/json-depth';
import { HTTP_RULES, Unauthenticated, UnreadableRequest } from '../http/ledger-errors';

/** The largest JSON body a request may carry. */
export const MAX_BODY_BYTES = '100kb';

/** Methods that read: a key is optional for them (and checked when sent). Every other method needs one. */
const READS = new Set(['GET', 'HEAD']);

const BEARER = /^Bearer\s+(\S+)$/i;

export interface KeyAuthenticator {
  authenticate(token: string): Actor | undefined | Promise<Actor | undefined>;
}

/**
 * What every request passes before Nest sees it, in this order, so that nothing about a body is looked
 * at for a caller who may not send one:
 * 1. the `Authorization` key: a write without a valid key is 401 at once (`key-required`, `key-invalid`),
 *    a read with a key that is not valid too; the holder is left on `request.actor`;
 * 2. the JSON body, up to MAX_BODY_BYTES (`malformed-json`, `body-too-large`; a write's body that is not
 *    JSON is 415 `json-required`);
 * 3. its depth, at most MAX_JSON_DEPTH (`json-too-deep`), measured without recursion.
 * Errors go to Nest's exception handler (`next(error)`), so they are answered in the one error shape.
 */
export function requestIntake(keys: KeyAuthenticator): RequestHandler[] {
  const parseJson = json({ limit: MAX_BODY_BYTES });
  const authenticate: RequestHandler = (request: Request & { actor?: Actor }, _response, next) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = BEARER.exec(header);
      const found = match ? keys.authenticate(match[1]) : undefined;
      const settle = (actor: Actor | undefined) => {
        if (!actor)
          return next(new Unauthenticated(HTTP_RULES.keyInvalid, 'Authorization: the API key is not valid (expected "Bearer <key>")'));
        request.actor = actor;
        next();
      };
      // A key store on a server answers later; one that cannot be asked fails the request, never lets it through.
      if (found instanceof Promise) return void found.then(settle, next);
      return settle(found);
    } else if (!READS.has(request.method)) {
      return next(new Unauthenticated(HTTP_RULES.keyRequired, 'Authorization: recording needs an API key ("Bearer <key>")'));
    }
    next();
  };
  const readBody: RequestHandler = (request, response, next) => {
    const hasContent = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!READS.has(request.method) && hasContent && !request.is('application/json')) {
      return next(new UnreadableRequest(HTTP_RULES.jsonRequired, 'the body must be JSON (Content-Type: application/json)', 415));
    }
    parseJson(request, response, (error?: unknown) => next(error === undefined ? undefined : unreadable(error)));
  };
  const measureDepth: RequestHandler = (request: Request, _response: Response, next: NextFunction) => {
    if (jsonDeeperThan(request.body, MAX_JSON_DEPTH)) {
      return next(new UnreadableRequest(HTTP_RULES.jsonTooDeep, `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
    }
    next();
  };
  return [authenticate, readBody, measureDepth];
}

/** body-parser's errors (http-errors with a `type`) as the ledger's refusals. */
function unreadable(error: unknown): UnreadableRequest {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return new UnreadableRequest(HTTP_RULES.bodyTooLarge, `the body is larger than ${MAX_BODY_BYTES}`);
  if (type === 'entity.parse.failed') {
    return new UnreadableRequest(HTTP_RULES.malformedJson, `the body is not valid JSON: ${(error as Error).message}`);
  }
  return new UnreadableRequest(HTTP_RULES.unreadableBody, `the body could not be read: ${(error as Error).message ?? String(error)}`);
}
