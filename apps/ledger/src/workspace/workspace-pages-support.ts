import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { html } from '@ledger/public-contract';
import { layout, signedInAs } from './workspace-pages';
import { SignedIn } from './workspace-sessions';

export { personOf } from './workspace-pages';

/** A page the ledger has no record for (an unknown body or meeting): 404, a page, never a 5xx. */
export function sendNotFound(response: Response, session: SignedIn, what: string): void {
  response
    .status(404)
    .type('html')
    .send(
      layout({
        title: 'Not found',
        signedIn: signedInAs(session),
        body: html`<h1>Not found</h1>
          <p>The ledger has no record of ${what}.</p>
          <p><a href="/workspace">Go to your workspace</a></p>`,
      }),
    );
}

/** The page, or 404 when the ledger's read says it has no such record. */
export async function orNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}

/** Where a recorded form goes back to: the page, with the notice of what was recorded (POST, redirect, GET). */
export function sendRecorded(response: Response, path: string, recorded: string): void {
  response.redirect(303, `${path}?recorded=${recorded}`);
}
