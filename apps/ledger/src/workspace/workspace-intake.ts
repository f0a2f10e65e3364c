import { NextFunction, Request, RequestHandler, Response, urlencoded } from 'express';
import { refusalPage } from './workspace-pages';

export const WORKSPACE_PATH = '/workspace';

/** Whether a request is the workspace's (cookies and forms) rather than the API's (bearer keys and JSON). */
export function isWorkspaceRequest(request: Request): boolean {
  return request.path === WORKSPACE_PATH || request.path.startsWith(`${WORKSPACE_PATH}/`);
}

/**
 * Every workspace response: a strict CSP (styles only from the workspace's stylesheet, no script, no framing,
 * forms only to itself), no caching of pages that name a person, and no referrer.
 */
const HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** What a workspace request passes before its route: the headers, then a form body (small; anything else is left unread). */
export function workspaceIntake(): RequestHandler[] {
  const parseForm = urlencoded({ extended: false, limit: '20kb', parameterLimit: 100 });
  const headers: RequestHandler = (_request, response, next) => {
    response.set(HEADERS);
    next();
  };
  const readForm: RequestHandler = (request: Request, response: Response, next: NextFunction) =>
    parseForm(request, response, (error?: unknown) => {
      if (error === undefined) return next();
      // A form the workspace did not write (too large, badly encoded): a page, never a 5xx.
      response.status(400).type('html').send(refusalPage('The form could not be read', 'Go back, reload the page and try again.'));
    });
  return [headers, readForm];
}

/** The cookie `name` of the request, read without a parser dependency. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
