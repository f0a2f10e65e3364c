import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { cookieOf } from './workspace-intake';
import { valuesOf } from './workspace-forms';
import { refusalPage } from './workspace-pages';
import { SignedIn, WorkspaceSessions } from './workspace-sessions';

export const SESSION_COOKIE = 'ledger_workspace';
export const FORM_EXPIRED = 'This form has expired or did not come from the workspace. Go back, reload the page and try again.';

/** A posted form that passed the gate: whose session, and its fields as text. */
export interface PostedForm {
  session: SignedIn;
  values: Record<string, string>;
}

/**
 * What every workspace page passes first: a live session (else to the sign-in page), and for a posted form
 * the session's CSRF token (else 403, nothing read further and nothing written).
 */
@Injectable()
export class WorkspaceGate {
  constructor(private readonly sessions: WorkspaceSessions) {}

  async page(request: Request, response: Response): Promise<SignedIn | undefined> {
    const session = await this.sessions.current(cookieOf(request, SESSION_COOKIE));
    if (!session) response.redirect(303, '/workspace/sign-in');
    return session;
  }

  async form(request: Request, response: Response): Promise<PostedForm | undefined> {
    const session = await this.page(request, response);
    if (!session) return undefined;
    const values = valuesOf(request.body);
    if (!this.sessions.csrfMatches(session, values.csrf)) {
      response.status(403).type('html').send(refusalPage('Form expired', FORM_EXPIRED));
      return undefined;
    }
    return { session, values };
  }
}
