import { membershipEvents, registeredBody } from '../body-register/body-register';
import { citing } from '../body-register/standing-facts';
import { barsVoting, membersPresent, quorumOf, votersPresent } from '../meetings/meeting-rules';
import { presentAtItem, substitutedBy } from '../meetings/meeting-attendance';
import { AgendaItem, ConvenedMeeting, Decision, Vote } from '../meetings/meeting.state';
import { DecisionRegister } from './decision-register';
import { Finding } from './verdict';

/** What the register finds of a meeting decision besides authority (see `authorityFinding`): its quorum, conflicts and call-in. */

/**
 * Quorum for the deciding body on the item: its voting members current on the date, present for it, and
 * not conflicted on the item. Recomputed so a correction to attendance or a declaration shows.
 */
export function quorumFinding(register: DecisionRegister, meeting: ConvenedMeeting, item: AgendaItem, decision: Decision) {
  const { bodyId } = decision;
  const required = meeting.bodies.find((body) => body.bodyId === bodyId)?.quorum ?? decision.quorum.required;
  const body = { bodyId, memberships: registeredBody(register.bodies, bodyId)?.memberships ?? {} };
  // Present at this item: arrivals and departures are counted as the decider counted them.
  const presentFor = (membershipId: string) => presentAtItem(meeting, membershipId, item.itemId);
  const attending = membersPresent(body, meeting.date, presentFor);
  const voters = votersPresent(body, meeting.date, presentFor, item.declarations, (id) => substitutedBy(meeting, id));
  const quorum = quorumOf(required, voters.length);
  const recorded = decision.quorum;
  const differs = recorded.present !== quorum.present || recorded.required !== required;
  const finding: Finding = {
    rule: 'quorum',
    ok: quorum.quorate,
    message:
      `${quorum.quorate ? 'quorate' : 'inquorate'}: ${quorum.present} voting member(s) of ${bodyId} present and not conflicted, ${required} required` +
      (differs ? ` (recorded at the meeting as ${recorded.present} of ${recorded.required})` : ''),
    citedEvents: citing(
      meeting.citedEvents,
      decision.citedEvents,
      ...attending.flatMap((membership) => [
        meeting.present.get(membership.membershipId)?.citedEvents ?? [],
        meeting.arrivals.get(membership.membershipId)?.citedEvents ?? [],
        meeting.departures.get(membership.membershipId)?.citedEvents ?? [],
        membershipEvents(register.bodies, bodyId, membership.membershipId),
        ...item.declarations
          .filter((declaration) => declaration.membershipId === membership.membershipId && barsVoting(declaration.action))
          .map((declaration) => declaration.citedEvents),
      ]),
    ),
  };
  return { quorum, voters, finding };
}

/** A member who withdrew or remained without voting cast no vote on the item; recording no vote cast is not voting. */
export function conflictsFinding(item: AgendaItem, votes: Vote[], bodyId: string): Finding {
  const declarations = item.declarations.filter((declaration) => declaration.bodyId === bodyId);
  const breaches = declarations.flatMap((declaration) => {
    const vote = votes.find((cast) => cast.membershipId === declaration.membershipId);
    return barsVoting(declaration.action) && vote && vote.vote !== 'abstained-no-vote-cast' ? [{ declaration, vote }] : [];
  });
  if (breaches.length === 0) {
    return {
      rule: 'conflicts',
      ok: true,
      message: declarations.length === 0 ? 'no interests declared' : 'no member barred by a declared interest voted',
      citedEvents: citing(...declarations.map((declaration) => declaration.citedEvents)),
    };
  }
  return {
    rule: 'conflicts',
    ok: false,
    message: breaches
      .map(({ declaration, vote }) => `${declaration.membershipId} declared an interest (${declaration.action}) yet voted ${vote.vote}`)
      .join('; '),
    citedEvents: citing(...breaches.flatMap(({ declaration, vote }) => [declaration.citedEvents, vote.citedEvents])),
  };
}

export function callInFinding({ callIn }: Decision, reasonShown: boolean): Finding {
  if (!callIn) return { rule: 'call-in', ok: true, message: 'not called in', citedEvents: [] };
  const citedEvents = citing(callIn.citedEvents, callIn.result?.citedEvents ?? []);
  const calledIn = `called in on ${callIn.effective}` + (reasonShown ? ` (${callIn.reason})` : '');
  if (!callIn.result) return { rule: 'call-in', ok: false, message: `${calledIn}: suspended until the call-in has a result`, citedEvents };
  const { result, effective } = callIn.result;
  const outcome = {
    confirmed: `confirmed on ${effective}`,
    changed: `changed on ${effective}: the decision stands as changed, not as recorded`,
    'referred-to-full-council': `referred to full council on ${effective}`,
  }[result];
  return { rule: 'call-in', ok: true, message: `${calledIn}; ${outcome}`, citedEvents };
}
