import { Decider } from '../decider';
import { assertCivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { assertInterval, overlaps } from '../shared/interval';
import { BodyCommand } from './body.commands';
import { BodyEvent } from './body.events';
import { evolveBody } from './body.evolve';

export { evolveBody } from './body.evolve';
import { BodyState, EstablishedBody, KnownBodies } from './body.state';

export interface BodyDecisionState {
  body: BodyState;
  /** Other bodies the command names (parent, on-behalf-of). */
  bodies: KnownBodies;
}

export const bodyStream = (bodyId: string) => `body-${bodyId}`;

/** Bodies other than the command's own that must be loaded before deciding. */
export function bodiesNamedBy(command: BodyCommand): string[] {
  switch (command.type) {
    case 'EstablishBody':
      return command.data.parentBodyId ? [command.data.parentBodyId] : [];
    case 'AppointMember':
      return command.data.onBehalfOfBodyId ? [command.data.onBehalfOfBodyId] : [];
    default:
      return [];
  }
}

type Command<Type extends BodyCommand['type']> = Extract<BodyCommand, { type: Type }>['data'];
type Decided = BodyEvent[];

function decide(command: BodyCommand, { body, bodies }: BodyDecisionState): Decided {
  if (command.type === 'EstablishBody') return establishBody(command.data, body, bodies);
  const existing = recordedBody(body, command.data.bodyId);
  switch (command.type) {
    case 'RenameBody':
      return renameBody(command.data, existing);
    case 'DissolveBody':
      return dissolveBody(command.data, existing);
    case 'AssignStatutoryFunctions':
      return assignStatutoryFunctions(command.data, existing);
    case 'AppointMember':
      return appointMember(command.data, existing, bodies);
    case 'EndMembership':
      return endMembership(command.data, existing);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function establishBody(data: Command<'EstablishBody'>, body: BodyState, bodies: KnownBodies): Decided {
  if (body.recorded) throw new AlreadyRecorded('body', data.bodyId);
  assertCivilDate('effective', data.effective);
  if (data.kind === 'committee' && !data.parentBodyId) {
    throw new DomainError('committee-needs-parent', `a committee needs parentBodyId (the body it is a committee of)`);
  }
  if (data.parentBodyId) knownBody(bodies, data.parentBodyId);
  return [{ type: 'BodyEstablished', data: { ...data, areas: [...data.areas] } }];
}

function renameBody(data: Command<'RenameBody'>, body: EstablishedBody): Decided {
  assertAlive(body, data.effective);
  if (data.name === body.name) throw new DomainError('rename-to-same-name', `body ${body.bodyId} is already named "${data.name}"`);
  return [{ type: 'BodyRenamed', data }];
}

function dissolveBody(data: Command<'DissolveBody'>, body: EstablishedBody): Decided {
  if (body.dissolved) throw new DomainError('already-dissolved', `body ${body.bodyId} was dissolved on ${body.dissolved}`, 409);
  assertInterval('dissolution', { from: body.established, to: data.effective });
  return [{ type: 'BodyDissolved', data }];
}

function assignStatutoryFunctions(command: Command<'AssignStatutoryFunctions'>, body: EstablishedBody): Decided {
  const data = { ...command, to: command.to ?? null };
  assertInterval('statutory functions', data);
  assertAlive(body, data.from);
  return [{ type: 'StatutoryFunctionsAssigned', data }];
}

function appointMember(command: Command<'AppointMember'>, body: EstablishedBody, bodies: KnownBodies): Decided {
  const data = { ...command, to: command.to ?? null };
  if (body.memberships[data.membershipId]) throw new AlreadyRecorded('membership', data.membershipId);
  assertInterval('membership', data);
  assertAlive(body, data.from);
  if (data.onBehalfOfBodyId) knownBody(bodies, data.onBehalfOfBodyId);
  const clash = Object.values(body.memberships).find((m) => sameMember(m.member, data.member) && overlaps(m, data));
  if (clash) {
    throw new DomainError(
      'membership-overlaps',
      `${describeMember(data.member)} is already a member of ${body.bodyId} from ${clash.from} (membership ${clash.membershipId})`,
      409,
    );
  }
  return [{ type: 'MemberAppointed', data }];
}

function endMembership(data: Command<'EndMembership'>, body: EstablishedBody): Decided {
  const membership = body.memberships[data.membershipId];
  if (!membership) throw new UnknownReference('membership', data.membershipId);
  if (membership.to !== null) {
    throw new DomainError('membership-already-ended', `membership ${membership.membershipId} already ends on ${membership.to}`, 409);
  }
  assertInterval('membership', { from: membership.from, to: data.to });
  return [{ type: 'MembershipEnded', data }];
}

function evolve(state: BodyDecisionState, event: BodyEvent): BodyDecisionState {
  return { ...state, body: evolveBody(state.body, event) };
}

export const bodyDecider: Decider<BodyCommand, BodyDecisionState, BodyEvent> = {
  decide,
  evolve,
  initialState: () => ({ body: { recorded: false }, bodies: new Map() }),
};

export function recordedBody(body: BodyState, bodyId: string): EstablishedBody {
  if (!body.recorded) throw new UnknownReference('body', bodyId);
  return body;
}

export function knownBody(bodies: KnownBodies, bodyId: string): EstablishedBody {
  const body = bodies.get(bodyId);
  if (!body) throw new UnknownReference('body', bodyId);
  return body;
}

function assertAlive(body: EstablishedBody, at: string): void {
  assertCivilDate('date', at);
  if (at < body.established) {
    throw new DomainError('before-establishment', `body ${body.bodyId} was not established until ${body.established} (date ${at})`);
  }
  if (body.dissolved && at >= body.dissolved) {
    throw new DomainError('body-dissolved', `body ${body.bodyId} was dissolved on ${body.dissolved} (date ${at})`);
  }
}

function sameMember(a: { person?: string; seat?: string }, b: { person?: string; seat?: string }): boolean {
  return (a.person ?? null) === (b.person ?? null) && (a.seat ?? null) === (b.seat ?? null);
}

function describeMember(member: { person?: string; seat?: string }): string {
  return member.person ?? member.seat ?? 'member';
}
