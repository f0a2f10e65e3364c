import { html, instantInWords } from '@ledger/public-contract';
import type { IssuedKey, KeyRecord } from '../../access/api-keys';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';
import type { SignedInAs } from '../corrections/correction-pages';

export const KEY_FIELDS: FieldMap = { person: 'person', role: 'role', bodies: 'bodies' };

const ROLE_OPTIONS = [
  ['officer', 'Officer: records for the bodies given'],
  ['admin', 'Admin: records for any body, manages keys'],
  ['auditor', 'Auditor: reads everything, records nothing'],
] as const;

/** Every key (never a secret), the form to give a person a key, and a revoke button on each live key. */
export function keysPage(props: {
  signedIn: SignedInAs;
  keys: readonly KeyRecord[];
  values: Values;
  commandId: string;
  refusal?: Refusal;
  notice?: string;
}): string {
  const { keys, values, refusal, notice } = props;
  const error = (input: string) => errorFor(refusal, KEY_FIELDS, input);
  return layout({
    title: 'Keys',
    signedIn: props.signedIn,
    error: refusal !== undefined,
    body: html`${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''} ${errorSummary(refusal, KEY_FIELDS)}
      <h1>Keys</h1>
      <p>Each key belongs to a person and records in their name. Only a key's hash is kept: a lost key is revoked and a new one given.</p>
      <table>
        <caption class="visually-hidden">
          Every key the ledger has issued
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Bodies</th>
            <th scope="col">Created</th>
            <th scope="col">Revoked</th>
          </tr>
        </thead>
        <tbody>
          ${keys.map(
            (key) =>
              html`<tr>
                <td>${key.keyId}</td>
                <td>${key.person ?? html`<span class="muted">no person named</span>`}</td>
                <td>${key.role}</td>
                <td>${key.bodies.length > 0 ? key.bodies.join(', ') : key.role === 'officer' ? 'none' : 'all'}</td>
                <td>${instantInWords(key.createdAt)}</td>
                <td>
                  ${
                    key.revokedAt
                      ? instantInWords(key.revokedAt)
                      : html`<form method="post" action="/workspace/keys/${key.keyId}/revoke">
                          ${formTokens(props.signedIn.csrf)}
                          <button type="submit" class="secondary">Revoke<span class="visually-hidden"> key ${key.keyId}</span></button>
                        </form>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Give a person a key</h2>
      <form method="post" action="/workspace/keys" novalidate>
        ${formTokens(props.signedIn.csrf, props.commandId)}
        ${textField({ id: 'person', label: 'Full name', hint: 'The person the key is given to: everything it records names them', values, error: error('person') })}
        ${selectField({ id: 'role', label: 'Role', values, error: error('role'), options: ROLE_OPTIONS })}
        ${textField({ id: 'bodies', label: 'Bodies', hint: 'For an officer: the body ids it records for, separated by commas (their committees included)', values, error: error('bodies') })}
        <button type="submit">Create the key</button>
      </form>`,
  });
}

/** The new key, shown this once. */
export function keyCreatedPage(props: { signedIn: SignedInAs; key: IssuedKey }): string {
  const { key } = props;
  return layout({
    title: 'Key created',
    signedIn: props.signedIn,
    body: html`<h1>Key created for ${key.person ?? 'no one named'}</h1>
      <p class="warning-text">
        Copy the key now and give it to ${key.person ?? 'its holder'} privately. It is shown only this once: the ledger keeps only its hash.
      </p>
      <dl class="summary">
        <dt>Key</dt>
        <dd><code class="secret">${key.token}</code></dd>
        <dt>Key id</dt>
        <dd>${key.keyId}</dd>
        <dt>Role</dt>
        <dd>${key.role}</dd>
        <dt>Bodies</dt>
        <dd>${key.bodies.length > 0 ? key.bodies.join(', ') : 'all'}</dd>
      </dl>
      <p><a href="/workspace/keys">Back to the keys</a></p>`,
  });
}

/** Revoking, confirmed: what ends at once. */
export function revokeConfirmationPage(props: { signedIn: SignedInAs; key: KeyRecord; own: boolean }): string {
  const { key } = props;
  return layout({
    title: `Revoke key ${key.keyId}?`,
    signedIn: props.signedIn,
    body: html`<h1>Revoke key ${key.keyId}?</h1>
      <p>${key.person ?? 'The key names no person'}, ${key.role}${key.bodies.length > 0 ? `, for ${key.bodies.join(', ')}` : ''}.</p>
      <p class="warning-text">This cannot be undone.</p>
      <p>
        The key is refused at once, everywhere: by the API and in the workspace, where its open sessions end now. What it recorded stays in
        the ledger under its name. ${props.own ? 'This is the key you are signed in with: you will be signed out.' : ''}
      </p>
      <form method="post" action="/workspace/keys/${key.keyId}/revoke">
        ${formTokens(props.signedIn.csrf)}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="actions">
          <button type="submit" class="warning">Yes, revoke the key</button>
          <a href="/workspace/keys">No, go back</a>
        </div>
      </form>`,
  });
}
