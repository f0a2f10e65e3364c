import { Actor } from '../access/actor';
import { html, Html } from '@ledger/public-contract';
import { BodyBranch, bodiesList } from './bodies/bodies-directory';

export const STYLESHEET_PATH = '/workspace/assets/workspace.css';

export interface Page {
  title: string;
  body: Html;
  /** The signed-in officer's name and the sign-out form's token, for the header; none before signing in. */
  signedIn?: { person: string; csrf: string };
  /** Prefixes the title with "Error:", so a screen reader hears first that the form was refused. */
  error?: boolean;
}

/** The header's signed-in part for a session: the officer's name (or key), and the sign-out form's token. */
export function signedInAs(session: { actor: Actor; csrf: string }): { person: string; csrf: string } {
  return { person: personOf(session), csrf: session.csrf };
}

/** Who is signed in, as the header and the sources they record name them. */
export const personOf = ({ actor }: { actor: Actor }) => actor.person ?? `key ${actor.keyId}`;

/** Every workspace page: the header (who is signed in, sign out), the page, the footer. */
export function layout({ title, body, signedIn, error }: Page): string {
  return `<!doctype html>${html`<html lang="en-GB">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${error ? 'Error: ' : ''}${title} — Officers' workspace — Commissioning decision ledger</title>
      <link rel="stylesheet" href="${STYLESHEET_PATH}" />
    </head>
    <body>
      <a class="skip" href="#main">Skip to main content</a>
      <header>
        <a class="service" href="/workspace">Officers' workspace</a>
        ${
          signedIn
            ? html`<form method="post" action="/workspace/sign-out">
                <input type="hidden" name="csrf" value="${signedIn.csrf}" />
                <span>${signedIn.person}</span> <button type="submit">Sign out</button>
              </form>`
            : ''
        }
      </header>
      <main id="main" tabindex="-1">${body}</main>
      <footer>
        <p>
          The commissioning decision ledger: who decided what, with whose authority. Everything recorded here is kept, and names the key
          that recorded it.
        </p>
      </footer>
    </body>
  </html>`}`;
}

/** The sign-in form; `error` is the one message every refused key gets. */
export function signInPage({ csrf, error }: { csrf: string; error?: string }): string {
  return layout({
    title: 'Sign in',
    error: error !== undefined,
    body: html`${
        error
          ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
              <h2 id="error-summary-title">There is a problem</h2>
              <ul>
                <li><a href="#key">${error}</a></li>
              </ul>
            </div>`
          : ''
      }
      <h1>Sign in to the officers' workspace</h1>
      <p>Use the ledger key your administrator gave you. Officers record for the bodies on their key; admins for any body.</p>
      <form method="post" action="/workspace/sign-in" novalidate>
        <input type="hidden" name="csrf" value="${csrf}" />
        <div class="field${error ? ' invalid' : ''}">
          <label for="key">Your ledger key</label>
          <p class="hint" id="key-hint">It starts with ldg_. Keep it secret: it records in your name.</p>
          ${error ? html`<p class="error" id="key-error"><span class="muted">Error:</span> ${error}</p>` : ''}
          <input
            id="key"
            name="key"
            type="password"
            autocomplete="current-password"
            spellcheck="false"
            aria-describedby="key-hint${error ? ' key-error' : ''}"
            ${error ? new Html('aria-invalid="true"') : ''}
          />
        </div>
        <button type="submit">Sign in</button>
      </form>`,
  });
}

/** The signed-in home: whose key this is, what it may record, and the bodies to record for. */
export function homePage({ actor, csrf, bodies = [] }: { actor: Actor; csrf: string; bodies?: BodyBranch[] }): string {
  const person = personOf({ actor });
  return layout({
    title: 'Your workspace',
    signedIn: signedInAs({ actor, csrf }),
    body: html`<h1>Your workspace</h1>
      <p>You are signed in as <strong>${person}</strong>. Everything you record here names you and your key.</p>
      <dl class="summary">
        <dt>Name</dt>
        <dd>${actor.person ?? 'This key names no person (ask an admin for a key in your name)'}</dd>
        <dt>Role</dt>
        <dd>${actor.role === 'admin' ? 'Admin: records for any body' : 'Officer: records for the bodies below and their committees'}</dd>
        <dt>Bodies</dt>
        <dd>
          ${
            actor.bodies.length === 0
              ? actor.role === 'admin'
                ? 'All bodies'
                : 'None'
              : html`<ul>
                  ${actor.bodies.map((body) => html`<li>${body}</li>`)}
                </ul>`
          }
        </dd>
        <dt>Key</dt>
        <dd>${actor.keyId}</dd>
      </dl>
      ${actor.role === 'admin' ? html`<p><a href="/workspace/keys">Officers' keys: give, list and revoke</a></p>` : ''}
      <h2>${actor.role === 'admin' ? 'Every body' : 'Your bodies'} and their committees</h2>
      ${bodies.length === 0 ? html`<p>No body recorded in the ledger is on this key.</p>` : bodiesList(bodies)}
      <p class="muted">Your session ends after 30 minutes without use, and after 8 hours in all.</p>`,
  });
}

/** A refusal a person reads: what happened, and what to do. */
export function refusalPage(title: string, message: string): string {
  return layout({
    title,
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/workspace/sign-in">Go to the sign-in page</a></p>`,
  });
}
