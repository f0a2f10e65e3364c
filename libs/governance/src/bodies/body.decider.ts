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

function decide(command: BodyCommand, { body, bodies }: BodyDecisionState): BodyEvent[] {
  if (command.type === 'EstablishBody') {
    const data = command.data;
    if (body.recorded) throw new AlreadyRecorded('body', data.bodyId);
    assertCivilDate('effective', data.effective);
    if (data.kind === 'committee' && !data.parentBodyId) {
      throw new DomainError('committee-needs-parent', `a committee needs parentBodyId (the body it is a committee of)`);
    }
    if (data.parentBodyId) knownBody(bodies, data.parentBodyId);
    return [{ type: 'BodyEstablished', data: { ...data, areas: [...data.areas] } }];
  }

  const existing = recordedBody(body, command.data.bodyId);
  switch (command.type) {
    case 'RenameBody': {
      const { effective, name } = command.data;
      assertAlive(existing, effective);
      if (name === existing.name) throw new DomainError('rename-to-same-name', `body ${existing.bodyId} is already named "${name}"`);
      return [{ type: 'BodyRenamed', data: command.data }];
    }
    case 'DissolveBody': {
      if (existing.dissolved) {
        throw new DomainError('already-dissolved', `body ${existing.bodyId} was dissolved on ${existing.dissolved}`, 409);
      }
      assertInterval('dissolution', { from: existing.established, to: command.data.effective });
      return [{ type: 'BodyDissolved', data: command.data }];
    }
    case 'AssignStatutoryFunctions': {
      const data = { ...command.data, to: command.data.to ?? null };
      assertInterval('statutory functions', data);
      assertAlive(existing, data.from);
      return [{ type: 'StatutoryFunctionsAssigned', data }];
    }
    case 'AppointMember': {
      const data = { ...command.data, to: command.data.to ?? null };
      if (existing.memberships[data.membershipId]) throw new AlreadyRecorded('membership', data.membershipId);
      assertInterval('membership', data);
      assertAlive(existing, data.from);
      if (data.onBehalfOfBodyId) knownBody(bodies, data.onBehalfOfBodyId);
      const clash = Object.values(existing.memberships).find((m) => sameMember(m.member, data.member) && overlaps(m, data));
      if (clash) {
        throw new DomainError(
          'membership-overlaps',
          `${describeMember(data.member)} is already a member of ${existing.bodyId} from ${clash.from} (membership ${clash.membershipId})`,
          409,
        );
      }
      return [{ type: 'MemberAppointed', data }];
    }
    case 'EndMembership': {
      const membership = existing.memberships[command.data.membershipId];
      if (!membership) throw new UnknownReference('membership', command.data.membershipId);
      if (membership.to !== null) {
        throw new DomainError('membership-already-ended', `membership ${membership.membershipId} already ends on ${membership.to}`, 409);
      }
      assertInterval('membership', { from: membership.from, to: command.data.to });
      return [{ type: 'MembershipEnded', data: command.data }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
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
