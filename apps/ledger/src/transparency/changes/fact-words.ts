import type { RecordedEvent } from '@ledger/event-store';

/**
 * What a recorded fact is about, in a line of words, from the fact's public fields (ids, names, titles, dates,
 * outcomes): never a content text, which stays sealed in the event and is opened only for readers entitled to it.
 */
type Data = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const item = (d: Data) => `item ${d.itemId} of meeting ${d.meetingId}`;
const bodiesOf = (value: unknown) => (Array.isArray(value) ? value.map((body: Data) => body?.bodyId).join(', ') : '');

const WORDS: Record<string, (d: Data) => string> = {
  BodyEstablished: (d) => `${d.name} (${d.bodyId}) established, a ${d.kind}${d.odsCode ? `, ODS code ${d.odsCode}` : ''}`,
  BodyRenamed: (d) => `${d.bodyId} renamed ${d.name}`,
  BodyDissolved: (d) => `${d.bodyId} dissolved`,
  StatutoryFunctionsAssigned: (d) => `${d.bodyId} given ${list(d.functions)} in ${list(d.areas)} (${d.act})`,
  MemberAppointed: (d) => {
    const member = (d.member ?? {}) as Data;
    return `${member.person ?? member.seat ?? d.membershipId} appointed ${d.role} of ${d.bodyId}${d.voting ? '' : ' (not voting)'}`;
  },
  MembershipEnded: (d) => `membership ${d.membershipId} of ${d.bodyId} ended`,
  DelegationGranted: (d) => `${d.delegatorBodyId} delegated ${list(d.functions)} in ${list(d.areas)} to ${d.delegateBodyId}`,
  DelegationVaried: (d) => `delegation ${d.delegationId} varied`,
  DelegationRevoked: (d) => `delegation ${d.delegationId} revoked`,
  MergerRecorded: (d) => `${list(d.predecessorBodyIds)} merged into ${d.successorBodyId}`,
  TransferSchemeRecorded: (d) => `transfer scheme from ${list(d.abolishedBodyIds)} to ${d.receivingBodyId}`,
  MeetingConvened: (d) => `meeting ${d.meetingId} of ${bodiesOf(d.bodies)}${d.inCommon ? ' (in common)' : ''}`,
  AgendaItemAdded: (d) => `${item(d)}: “${d.title}”${d.confidential ? ' (Part 2)' : ''}`,
  AttendanceRecorded: (d) => `attendance at meeting ${d.meetingId}: ${Array.isArray(d.present) ? d.present.length : 0} present`,
  InterestDeclared: (d) => `${d.membershipId} declared an interest in ${item(d)} (${d.action})`,
  MotionProposed: (d) => `motion ${d.motionId} on ${item(d)}, moved by ${d.mover}`,
  VoteCast: (d) => `${d.membershipId} voted ${d.vote} on ${item(d)}`,
  DecisionRecorded: (d) => `${d.bodyId} decided ${item(d)}: ${d.outcome}`,
  ConfidentialityLifted: (d) => `${item(d)} made public`,
  ConfidentialityImposed: (d) => `${item(d)} made confidential (Schedule 12A paragraph ${d.paragraph})`,
  ConfidentialContentErased: (d) => `the content of ${item(d)} erased`,
  MinutesApproved: (d) => `minutes of meeting ${d.minutesOfMeetingId} approved at meeting ${d.meetingId} (${d.approval})`,
  DecisionCalledIn: (d) => `the decision of ${d.bodyId} on ${item(d)} called in`,
  CallInResultRecorded: (d) => `call-in of the decision on ${item(d)}: ${d.result}`,
  OfficerDecisionRecorded: (d) =>
    `officer decision ${d.decisionId} for ${d.bodyId}${(d.officer as Data)?.post ? ` by the ${(d.officer as Data).post}` : ''}`,
  RecommendationMade: (d) => `${d.fromBodyId} recommended “${d.title}” to ${list(d.toBodyIds)}`,
  BodyRespondedToRecommendation: (d) => `${d.bodyId} ${d.response} recommendation ${d.recommendationId}`,
  RecommendationRevised: (d) => `recommendation ${d.recommendationId} revised`,
};

export function aboutFact(event: Pick<RecordedEvent, 'type' | 'data' | 'stream'>): string {
  const words = WORDS[event.type];
  return words ? words((event.data ?? {}) as Data) : `${event.type} in ${event.stream}`;
}

/** The valid time a fact states (the day it took effect, or its first day), or null. */
export function validTimeOf(event: Pick<RecordedEvent, 'data'>): string | null {
  const d = (event.data ?? {}) as Data;
  const value = d.effective ?? d.from ?? d.legalDate ?? d.date ?? d.to;
  return typeof value === 'string' ? value : null;
}

/** Every body id a fact names (fields ending in BodyId or BodyIds, and a meeting's bodies). */
export function bodiesNamed(data: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string' && /bodyId$|BodyId$|BodyIds$/.test(key)) found.push(value);
    else if (Array.isArray(value)) value.forEach((element) => walk(element, key));
    else if (value !== null && typeof value === 'object') for (const [inner, element] of Object.entries(value)) walk(element, inner);
  };
  walk(data, '');
  return found;
}
