import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeys } from '../access/api-keys';
import { BodyRegisterQueries } from '../bodies/body-register.queries';
import { ledgerConfig } from '../config/ledger.config';
import { bodiesServed, ListedBody } from './bodies/bodies-directory';
import { SignInThrottle } from './sign-in-throttle';
import { cookieOf } from './workspace-intake';
import { homePage, refusalPage, signInPage } from './workspace-pages';
import { WorkspaceSessions } from './workspace-sessions';
import { WORKSPACE_STYLESHEET } from './workspace-style';
import { FORM_EXPIRED, SESSION_COOKIE } from './workspace-gate';

/** The one answer to every key that does not sign in: unknown, revoked or malformed alike. */
export const WRONG_KEY = 'The key was not accepted. Check it and try again, or ask an admin for a new key.';

/**
 * Signing in and out of the officers' workspace (served with the API, on its port). Sessions are WorkspaceSessions';
 * every state-changing form carries the session's CSRF token (a hidden `csrf` field), refused (403) without it.
 */
@ApiExcludeController()
@Controller('workspace')
export class WorkspaceController {
  constructor(
    private readonly keys: ApiKeys,
    private readonly sessions: WorkspaceSessions,
    private readonly throttle: SignInThrottle,
    private readonly bodies: BodyRegisterQueries,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {}

  @Get('assets/workspace.css')
  stylesheet(@Res() response: Response): void {
    response.set('Cache-Control', 'public, max-age=3600').type('text/css').send(WORKSPACE_STYLESHEET);
  }

  @Get()
  async home(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.sessions.current(cookieOf(request, SESSION_COOKIE));
    if (!session) return void response.redirect(303, '/workspace/sign-in');
    const { bodies } = await this.bodies.bodiesAt(undefined, undefined, undefined);
    response.type('html').send(homePage({ ...session, bodies: bodiesServed(session.actor, bodies as ListedBody[]) }));
  }

  @Get('sign-in')
  async signInForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    const cookie = cookieOf(request, SESSION_COOKIE);
    if (await this.sessions.current(cookie)) return void response.redirect(303, '/workspace');
    const form = this.sessions.beforeSignIn(cookie);
    this.setCookie(request, response, form.id);
    response.type('html').send(signInPage({ csrf: form.csrf }));
  }

  @Post('sign-in')
  async signIn(@Req() request: Request, @Res() response: Response): Promise<void> {
    const cookie = cookieOf(request, SESSION_COOKIE);
    const form = formOf(request);
    if (!this.sessions.signInFormSent(cookie, form.csrf))
      return void response.status(403).type('html').send(refusalPage('Form expired', FORM_EXPIRED));
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.throttle.minutesToWait(address);
    if (wait > 0) {
      const message = `Too many keys were not accepted from this connection. Try again in ${wait} minute${wait === 1 ? '' : 's'}.`;
      return void response
        .status(429)
        .set('Retry-After', String(wait * 60))
        .type('html')
        .send(signInPage({ csrf: form.csrf as string, error: message }));
    }
    // Every token is looked up and compared the same way, known, unknown or revoked (ApiKeys.authenticate).
    const actor = typeof form.key === 'string' ? await this.keys.authenticate(form.key.trim()) : undefined;
    if (!actor || actor.role === 'auditor') {
      // An auditor's key is a valid key, but not one that records: it gets the one answer too, and counts.
      this.throttle.failed(address);
      return void response
        .status(401)
        .type('html')
        .send(signInPage({ csrf: form.csrf as string, error: WRONG_KEY }));
    }
    this.throttle.succeeded(address);
    this.setCookie(request, response, this.sessions.signIn(cookie, actor).id);
    response.redirect(303, '/workspace');
  }

  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.sessions.current(cookieOf(request, SESSION_COOKIE));
    if (session && !this.sessions.csrfMatches(session, formOf(request).csrf)) {
      return void response.status(403).type('html').send(refusalPage('Form expired', FORM_EXPIRED));
    }
    if (session) this.sessions.end(session.id);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
    response.redirect(303, '/workspace/sign-in');
  }

  private setCookie(request: Request, response: Response, id: string): void {
    response.cookie(SESSION_COOKIE, id, this.cookieOptions(request));
  }

  /** HttpOnly, SameSite=Strict, for /workspace only; Secure over TLS or when LEDGER_COOKIE_SECURE=true (behind a TLS proxy). */
  private cookieOptions(request: Request) {
    return { httpOnly: true, sameSite: 'strict' as const, path: '/workspace', secure: request.secure || this.config.cookieSecure };
  }
}

function formOf(request: Request): Record<string, unknown> {
  return request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
}
