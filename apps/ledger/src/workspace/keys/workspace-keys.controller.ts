import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ROLES, Role } from '../../access/actor';
import { ApiKeys } from '../../access/api-keys';
import { keyCreatedPage, keysPage, revokeConfirmationPage } from './keys-pages';
import { notFoundPage } from '../workspace-pages-support';
import { commandIdOf } from '../workspace-forms';
import { refusalPage, signedInAs } from '../workspace-pages';
import { WorkspaceRecorder } from '../workspace-recorder';
import { SignedIn } from '../workspace-sessions';
import { WorkspaceGate } from '../workspace-gate';

const KEY_ID = /^[0-9a-f]{12}$/;
/** Forms whose key was created, remembered so a second submission creates no second key (the newest kept). */
const FORMS_REMEMBERED = 1000;
const BODY_ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** Keys for admins, as the CLI's `keys create/list/revoke` (ApiKeys): never a secret but once, on creation. */
@ApiExcludeController()
@Controller('workspace/keys')
export class WorkspaceKeysController {
  /** The command id of each form that created a key, and the key it created. */
  private readonly created = new Map<string, string>();

  constructor(
    private readonly gate: WorkspaceGate,
    private readonly keys: ApiKeys,
  ) {}

  @Get()
  async list(@Query('revoked') revoked: unknown, @Query('created') created: unknown, @Req() request: Request, @Res() response: Response) {
    const session = await this.adminPage(request, response);
    if (!session) return;
    const notice =
      typeof revoked === 'string' && KEY_ID.test(revoked)
        ? `Key ${revoked} was revoked.`
        : typeof created === 'string' && KEY_ID.test(created)
          ? `Key ${created} was created. Its secret was shown once, when it was created.`
          : undefined;
    const page = keysPage({
      signedIn: signedInAs(session),
      keys: await this.keys.list(),
      values: { role: 'officer' },
      commandId: WorkspaceRecorder.newCommandId(),
      notice,
    });
    response.type('html').send(page);
  }

  @Post()
  async create(@Req() request: Request, @Res() response: Response) {
    const session = await this.adminForm(request, response);
    if (!session) return;
    const { values } = session;
    const commandId = commandIdOf(values);
    // The same form sent again: the key exists, and its secret is never shown a second time.
    const earlier = this.created.get(commandId);
    if (earlier) return void response.redirect(303, `/workspace/keys?created=${earlier}`);
    const bodies = (values.bodies ?? '')
      .split(/[\s,]+/)
      .map((body) => body.trim())
      .filter((body) => body.length > 0);
    const refuse = async (field: string, message: string) =>
      response
        .status(400)
        .type('html')
        .send(
          keysPage({
            signedIn: signedInAs(session),
            keys: await this.keys.list(),
            values,
            commandId,
            refusal: { status: 400, rule: 'invalid-field', field, message },
          }),
        );
    if (!ROLES.includes(values.role as Role)) return refuse('role', 'Choose a role: officer, admin or auditor.');
    if (!(values.person ?? '').trim()) return refuse('person', 'Give the full name of the person the key is for.');
    if ((values.person ?? '').length > 200) return refuse('person', 'The name is too long (200 characters at most).');
    const badBody = bodies.find((body) => !BODY_ID.test(body));
    if (badBody !== undefined) return refuse('bodies', `"${badBody}" is not a body id (lower-case letters, digits and hyphens).`);
    if (values.role === 'officer' && bodies.length === 0) return refuse('bodies', 'An officer key needs at least one body.');
    const key = this.keys.create(values.role as Role, values.role === 'officer' ? bodies : [], { person: values.person });
    await key.stored;
    this.created.set(commandId, key.keyId);
    if (this.created.size > FORMS_REMEMBERED) this.created.delete(this.created.keys().next().value as string);
    response
      .status(201)
      .type('html')
      .send(keyCreatedPage({ signedIn: signedInAs(session), key }));
  }

  @Post(':key/revoke')
  async revoke(@Param('key') keyId: string, @Req() request: Request, @Res() response: Response) {
    const session = await this.adminForm(request, response);
    if (!session) return;
    const key = KEY_ID.test(keyId) ? (await this.keys.list()).find((each) => each.keyId === keyId) : undefined;
    if (!key)
      return void response
        .status(404)
        .type('html')
        .send(notFoundPage('No such key', `The ledger has issued no key ${keyId}.`));
    if (session.values.confirmed !== 'yes') {
      const own = key.keyId === session.actor.keyId;
      return void response
        .status(200)
        .type('html')
        .send(revokeConfirmationPage({ signedIn: signedInAs(session), key, own }));
    }
    await this.keys.revoke(keyId);
    response.redirect(303, `/workspace/keys?revoked=${keyId}`);
  }

  private async adminPage(request: Request, response: Response): Promise<SignedIn | undefined> {
    const session = await this.gate.page(request, response);
    return session && this.admin(session, response);
  }

  private async adminForm(request: Request, response: Response): Promise<(SignedIn & { values: Record<string, string> }) | undefined> {
    const form = await this.gate.form(request, response);
    return form && this.admin({ ...form.session, values: form.values }, response);
  }

  private admin<S extends SignedIn>(session: S, response: Response): S | undefined {
    if (session.actor.role === 'admin') return session;
    response
      .status(403)
      .type('html')
      .send(refusalPage('Admins only', 'Only an admin may see and manage keys. Ask an admin of the ledger.'));
    return undefined;
  }
}
