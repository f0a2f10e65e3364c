import { html, Html, KIND_NAMES, spanInWords } from '@ledger/public-contract';
import { BodyKind, lineOfParents } from '@ledger/governance';
import { Actor } from '../../access/actor';

/** A body as the register lists it (GET /bodies): enough to place it under its parent. */
export interface ListedBody {
  id: string;
  name: string;
  kind: string;
  parentBodyId?: string;
  established?: string;
  dissolved?: string | null;
}

export interface BodyBranch {
  body: ListedBody;
  committees: BodyBranch[];
}

/**
 * The bodies a key records for, each with its committees (and theirs): an officer's bodies, or every body for an
 * admin (those with no parent recorded at the top).
 */
export function bodiesServed(actor: Actor, bodies: readonly ListedBody[]): BodyBranch[] {
  const byId = new Map(bodies.map((body) => [body.id, body]));
  const branch = (body: ListedBody, seen: Set<string>): BodyBranch => ({
    body,
    committees: bodies
      .filter((other) => other.parentBodyId === body.id && !seen.has(other.id))
      .map((committee) => branch(committee, new Set([...seen, committee.id]))),
  });
  const roots =
    actor.role === 'admin'
      ? bodies.filter((body) => body.parentBodyId === undefined || !byId.has(body.parentBodyId))
      : actor.bodies.flatMap((id) => byId.get(id) ?? []);
  return roots.map((root) => branch(root, new Set([root.id])));
}

/** The bodies as nested lists, each linking to its page. */
export function bodiesList(branches: readonly BodyBranch[]): Html {
  return html`<ul class="bodies">
    ${branches.map(
      ({ body, committees }) =>
        html`<li>
          <a href="/workspace/bodies/${body.id}">${body.name}</a>
          <span class="muted"
            >${KIND_NAMES[body.kind] ?? body.kind}${
              body.dissolved && body.established ? `, ${spanInWords(body.established, body.dissolved)}` : ''
            }</span
          >
          ${committees.length ? bodiesList(committees) : ''}
        </li>`,
    )}
  </ul>`;
}

/**
 * Whether the key records for these bodies, as the access policy judges it (a body on the key, or a committee
 * below one): only to say so on the page; the pipeline decides every form whatever the page says.
 */
export function keyServes(actor: Actor, bodyIds: readonly string[], bodies: readonly ListedBody[]): boolean {
  if (actor.role === 'admin') return true;
  const byId = new Map(bodies.map((body) => [body.id, { kind: body.kind as BodyKind, parentBodyId: body.parentBodyId }]));
  return bodyIds.every((bodyId) => lineOfParents(bodyId, (id) => byId.get(id)).some((id) => actor.bodies.includes(id)));
}

/** The notice on a page whose forms the key may not use. */
export const notServedNotice = html`<div class="panel warning-panel" role="note">
  <p>
    <strong>Your key does not record for this body.</strong> You can read this page, but the ledger will refuse its forms. Ask an admin for
    a key that serves this body.
  </p>
</div>`;
