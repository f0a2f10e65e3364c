import { LedgerScript } from '../body-register/ledger-script.testing';
import { CommissioningFunction } from '../shared/vocabulary';
import { contentReader } from '../meetings/item-content';
import { buildDecisionRegister, DecisionRegister, meetingsTodayOf } from './decision-register';
import { decisionView as viewOf, DecisionFilter, listDecisions as listOf, MeetingDecisionView, OfficerDecisionView } from './decision-view';
import { meetingRecordView } from './meeting-record-view';
import { recommendationView } from './recommendation-view';
import { AuthorityHolder, AuthorityJudge, Finding } from './verdict';

const officerReader = 'officer';
const publicReader = 'public';
type ReaderKind = typeof officerReader | typeof publicReader;
const TODAY = '2026-12-01';

/** The register viewed stands for today: the reader's rights are judged by it. */
const readerOf = (register: DecisionRegister, kind: ReaderKind) =>
  contentReader(meetingsTodayOf(register), TODAY, () => kind === 'officer');
const decisionView = (register: DecisionRegister, id: string, authority: AuthorityJudge, kind: ReaderKind) =>
  viewOf(register, id, authority, readerOf(register, kind));
const listDecisions = (register: DecisionRegister, filter: DecisionFilter, authority: AuthorityJudge, kind: ReaderKind) =>
  listOf(register, filter, authority, readerOf(register, kind));

/** A judge that answers from a table: (function, area) → accountable and exercising bodies, with its own event ids. */
function judge(answer: (fn: CommissioningFunction, area: string) => { accountable: string; exercisedBy?: string } | null) {
  const asked: string[] = [];
  const holder = (bodyId: string, fn: string, area: string): AuthorityHolder => ({
    bodyId,
    citedEvents: [`authority:${bodyId}:${fn}:${area}`],
  });
  const judged: AuthorityJudge & { asked: string[] } = {
    asked,
    accountable(fn, area) {
      asked.push(`${fn}/${area}`);
      const held = answer(fn, area);
      return held && holder(held.accountable, fn, area);
    },
    exercisedBy(fn, area) {
      const held = answer(fn, area);
      return held && holder(held.exercisedBy ?? held.accountable, fn, area);
    },
  };
  return judged;
}
const wirralCcgHolds = judge(() => ({ accountable: 'nhs-wirral-ccg' }));

function establish(script: LedgerScript, bodyId: string, kind: string, extra: Record<string, unknown> = {}) {
  return script.record(`body-${bodyId}`, 'BodyEstablished', { bodyId, kind, name: bodyId, areas: [], effective: '2013-04-01', ...extra });
}

function appoint(script: LedgerScript, bodyId: string, membershipId: string, extra: Record<string, unknown> = {}) {
  return script.record(`body-${bodyId}`, 'MemberAppointed', {
    bodyId,
    membershipId,
    member: { person: `person ${membershipId}` },
    role: 'member',
    voting: true,
    from: '2013-04-01',
    to: null,
    ...extra,
  });
}

function meeting(script: LedgerScript, meetingId: string, date: string, quorums: Record<string, number>) {
  const stream = `meeting-${meetingId}`;
  const bodies = Object.entries(quorums).map(([bodyId, quorum]) => ({ bodyId, quorum }));
  const convened = script.record(stream, 'MeetingConvened', { meetingId, date, bodies, inCommon: bodies.length > 1 });
  return {
    stream,
    convened,
    item: (itemId: string, extra: Record<string, unknown> = {}) =>
      script.record(stream, 'AgendaItemAdded', {
        meetingId,
        itemId,
        title: `title of ${itemId}`,
        text: `text of ${itemId}`,
        functions: ['better-care-fund'],
        areas: ['wirral'],
        ...extra,
      }),
    attend: (bodyId: string, ...membershipIds: string[]) =>
      script.record(stream, 'AttendanceRecorded', { meetingId, present: membershipIds.map((membershipId) => ({ membershipId, bodyId })) }),
    declare: (itemId: string, bodyId: string, membershipId: string, action: string) =>
      script.record(stream, 'InterestDeclared', {
        meetingId,
        itemId,
        bodyId,
        membershipId,
        interest: 'partner works for the provider',
        action,
      }),
    motion: (itemId: string, motionId: string, mover: string, seconder: string) =>
      script.record(stream, 'MotionProposed', { meetingId, itemId, motionId, wording: `That ${itemId} be approved`, mover, seconder }),
    vote: (itemId: string, bodyId: string, membershipId: string, vote: string) =>
      script.record(stream, 'VoteCast', { meetingId, itemId, bodyId, membershipId, vote }),
    decide: (
      itemId: string,
      bodyId: string,
      outcome: string,
      quorum: { required: number; present: number },
      extra: Record<string, unknown> = {},
    ) =>
      script.record(stream, 'DecisionRecorded', {
        meetingId,
        itemId,
        bodyId,
        outcome,
        resolution: `resolution on ${itemId}`,
        quorum: { ...quorum, quorate: quorum.present >= quorum.required },
        ...extra,
      }),
  };
}

/** NHS Wirral CCG and its governing body (a committee), with four voting members. */
function wirral() {
  const script = new LedgerScript();
  establish(script, 'nhs-wirral-ccg', 'ccg', { areas: ['wirral'] });
  establish(script, 'wirral-ccg-gb', 'committee', { parentBodyId: 'nhs-wirral-ccg' });
  for (const membershipId of ['gb-1', 'gb-2', 'gb-3', 'gb-4']) appoint(script, 'wirral-ccg-gb', membershipId);
  return script;
}

const finding = (view: { verdict: { findings: Finding[] } } | undefined, rule: string) =>
  view?.verdict.findings.find((found) => found.rule === rule);
const meetingDecision = (view: unknown) => view as MeetingDecisionView;

describe('decision register: a single body deciding by vote', () => {
  const script = wirral();
  const m = meeting(script, 'gb-2019-01', '2019-01-10', { 'wirral-ccg-gb': 3 });
  const item = m.item('pooled-fund');
  m.attend('wirral-ccg-gb', 'gb-1', 'gb-2', 'gb-3', 'gb-4');
  m.motion('pooled-fund', 'mo-1', 'gb-1', 'gb-2');
  const votes = [m.vote('pooled-fund', 'wirral-ccg-gb', 'gb-1', 'for'), m.vote('pooled-fund', 'wirral-ccg-gb', 'gb-2', 'for')];
  const against = m.vote('pooled-fund', 'wirral-ccg-gb', 'gb-3', 'against');
  const noVoteCast = m.vote('pooled-fund', 'wirral-ccg-gb', 'gb-4', 'abstained-no-vote-cast');
  const decided = m.decide(
    'pooled-fund',
    'wirral-ccg-gb',
    'carried',
    { required: 3, present: 4 },
    {
      motionId: 'mo-1',
      counts: { for: 2, against: 1, abstain: 0, abstainedNoVoteCast: 1 },
      countsFrom: 'votes',
    },
  );
  const beforeCorrection = script.head;
  const correction = script.correct(m.stream, against, { vote: 'for' });

  it('gives the decision under <meeting>/<item>/<body> with votes, members and counts derived from the votes', () => {
    const view = meetingDecision(
      decisionView(
        buildDecisionRegister(script.knownAt(beforeCorrection)),
        'gb-2019-01/pooled-fund/wirral-ccg-gb',
        wirralCcgHolds,
        publicReader,
      ),
    );
    expect(view).toMatchObject({
      kind: 'meeting',
      decisionId: 'gb-2019-01/pooled-fund/wirral-ccg-gb',
      meeting: { id: 'gb-2019-01', date: '2019-01-10', inCommon: false, bodies: [{ bodyId: 'wirral-ccg-gb', quorum: 3 }] },
      item: { id: 'pooled-fund', text: 'text of pooled-fund', functions: ['better-care-fund'], areas: ['wirral'], redacted: false },
      decidingBody: { id: 'wirral-ccg-gb', kind: 'committee', parentBodyId: 'nhs-wirral-ccg' },
      outcome: 'carried',
      resolution: 'resolution on pooled-fund',
      counts: { for: 2, against: 1, abstain: 0, abstainedNoVoteCast: 1 },
      countsFrom: 'votes',
      quorum: { required: 3, present: 4, quorate: true },
      callIn: null,
    });
    // Each vote cites the event that cast it.
    expect(view.votes).toEqual([
      { membershipId: 'gb-1', member: { person: 'person gb-1' }, vote: 'for', citedEvents: [votes[0]] },
      { membershipId: 'gb-2', member: { person: 'person gb-2' }, vote: 'for', citedEvents: [votes[1]] },
      { membershipId: 'gb-3', member: { person: 'person gb-3' }, vote: 'against', citedEvents: [against] },
      { membershipId: 'gb-4', member: { person: 'person gb-4' }, vote: 'abstained-no-vote-cast', citedEvents: [noVoteCast] },
    ]);
    expect(view.item.motions).toEqual([{ motionId: 'mo-1', mover: 'gb-1', seconder: 'gb-2', wording: 'That pooled-fund be approved' }]);
    expect(view.verdict.valid).toBe(true);
    expect(view.citedEvents).toEqual(expect.arrayContaining([m.convened, item, decided, ...votes, against]));
  });

  it('derives the counts again after a vote is corrected, whatever totals the decision recorded', () => {
    const view = meetingDecision(
      decisionView(buildDecisionRegister(script.facts), 'gb-2019-01/pooled-fund/wirral-ccg-gb', wirralCcgHolds, publicReader),
    );
    expect(view.counts).toEqual({ for: 3, against: 0, abstain: 0, abstainedNoVoteCast: 1 });
    expect(view.citedEvents).toEqual(expect.arrayContaining([against, correction]));
  });

  it('judges a committee’s authority by its parent body, asking for every function and atomic area', () => {
    const asking = judge(() => ({ accountable: 'nhs-wirral-ccg' }));
    const register = buildDecisionRegister(script.facts);
    const view = decisionView(register, 'gb-2019-01/pooled-fund/wirral-ccg-gb', asking, publicReader);
    expect(finding(view, 'authority')).toMatchObject({ ok: true });
    expect(finding(view, 'authority')?.citedEvents).toEqual(
      expect.arrayContaining([item, 'authority:nhs-wirral-ccg:better-care-fund:wirral']),
    );
    expect(asking.asked).toEqual(['better-care-fund/wirral']);
  });

  it('answers undefined for a decision not recorded', () => {
    const register = buildDecisionRegister(script.facts);
    expect(decisionView(register, 'gb-2019-01/pooled-fund/nhs-wirral-ccg', wirralCcgHolds, publicReader)).toBeUndefined();
    expect(decisionView(register, 'gb-2019-01/pooled-fund', wirralCcgHolds, publicReader)).toBeUndefined();
    expect(decisionView(register, 'officer/none', wirralCcgHolds, publicReader)).toBeUndefined();
  });

  /** Given an item naming no function, when its decision is judged: the outcome decides whether authority needed assessing. */
  const decidedOnNoFunction = (outcome: 'agreed-without-vote' | 'noted') => {
    const named = wirral();
    const n = meeting(named, 'gb-2019-02', '2019-02-10', { 'wirral-ccg-gb': 1 });
    n.item('minutes', { functions: [] });
    n.attend('wirral-ccg-gb', 'gb-1');
    n.decide('minutes', 'wirral-ccg-gb', outcome, { required: 1, present: 1 });
    return decisionView(
      buildDecisionRegister(named.facts),
      'gb-2019-02/minutes/wirral-ccg-gb',
      judge(() => null),
      publicReader,
    )!;
  };

  it('does not call valid a decision on an item naming no function: authority was not assessed', () => {
    const view = decidedOnNoFunction('agreed-without-vote');
    expect(finding(view, 'authority')).toMatchObject({ ok: false, assessed: false, message: expect.stringContaining('not assessed') });
    expect(finding(view, 'authority')?.message).toContain('names no function');
    expect(view.verdict.valid).toBe(false);
    // Only authority went unassessed: the other checks were made and met.
    expect(view.verdict.findings.filter((f) => f.rule !== 'authority').every((f) => f.ok && f.assessed === undefined)).toBe(true);
    expect(view).toMatchObject({ counts: null, countsFrom: null });
  });

  it('finds a report only noted valid without a function: noting exercises none', () => {
    const view = decidedOnNoFunction('noted');
    expect(finding(view, 'authority')).toEqual(expect.objectContaining({ ok: true, message: 'noted: no function exercised' }));
    expect(finding(view, 'authority')).not.toHaveProperty('assessed');
    expect(view.verdict.valid).toBe(true);
  });
});

describe('decision register: committees in common', () => {
  const script = new LedgerScript();
  establish(script, 'nhs-eastern-cheshire-ccg', 'ccg', { areas: ['eastern-cheshire'] });
  establish(script, 'nhs-south-cheshire-ccg', 'ccg', { areas: ['south-cheshire'] });
  establish(script, 'eastern-cheshire-gb', 'committee', { parentBodyId: 'nhs-eastern-cheshire-ccg' });
  establish(script, 'south-cheshire-gb', 'committee', { parentBodyId: 'nhs-south-cheshire-ccg' });
  for (const membershipId of ['ec-1', 'ec-2']) appoint(script, 'eastern-cheshire-gb', membershipId);
  for (const membershipId of ['sc-1', 'sc-2', 'sc-3']) appoint(script, 'south-cheshire-gb', membershipId);
  const m = meeting(script, 'cheshire-cic-2019-09', '2019-09-26', { 'eastern-cheshire-gb': 2, 'south-cheshire-gb': 2 });
  m.item('merger-application', { functions: ['community-health-services'], areas: ['eastern-cheshire', 'south-cheshire'] });
  m.attend('eastern-cheshire-gb', 'ec-1', 'ec-2');
  m.attend('south-cheshire-gb', 'sc-1', 'sc-2', 'sc-3');
  m.vote('merger-application', 'eastern-cheshire-gb', 'ec-1', 'for');
  m.vote('merger-application', 'eastern-cheshire-gb', 'ec-2', 'for');
  m.vote('merger-application', 'south-cheshire-gb', 'sc-1', 'for');
  m.vote('merger-application', 'south-cheshire-gb', 'sc-2', 'against');
  m.vote('merger-application', 'south-cheshire-gb', 'sc-3', 'against');
  m.decide('merger-application', 'eastern-cheshire-gb', 'carried', { required: 2, present: 2 });
  m.decide('merger-application', 'south-cheshire-gb', 'defeated', { required: 2, present: 3 });
  const eachCcgHoldsItsOwnArea = judge((_, area) => ({
    accountable: area === 'eastern-cheshire' ? 'nhs-eastern-cheshire-ccg' : 'nhs-south-cheshire-ccg',
  }));

  it('gives one decision per committee, each with its own votes, counts and verdict', () => {
    const views = listDecisions(buildDecisionRegister(script.facts), {}, eachCcgHoldsItsOwnArea, publicReader).map(meetingDecision);
    expect(views.map(({ decisionId, outcome, counts }) => ({ decisionId, outcome, counts }))).toEqual([
      {
        decisionId: 'cheshire-cic-2019-09/merger-application/eastern-cheshire-gb',
        outcome: 'carried',
        counts: { for: 2, against: 0, abstain: 0, abstainedNoVoteCast: 0 },
      },
      {
        decisionId: 'cheshire-cic-2019-09/merger-application/south-cheshire-gb',
        outcome: 'defeated',
        counts: { for: 1, against: 2, abstain: 0, abstainedNoVoteCast: 0 },
      },
    ]);
    expect(views[0].votes.map((vote) => vote.membershipId)).toEqual(['ec-1', 'ec-2']);
    expect(views[1].quorum).toMatchObject({ required: 2, present: 3, counted: ['sc-1', 'sc-2', 'sc-3'] });
    expect(views.every((view) => view.meeting.inCommon && view.verdict.valid)).toBe(true);
  });

  it('judges each committee only for its own body’s areas: a decision in common binds only its own body', () => {
    const register = buildDecisionRegister(script.facts);
    const eastern = decisionView(
      register,
      'cheshire-cic-2019-09/merger-application/eastern-cheshire-gb',
      eachCcgHoldsItsOwnArea,
      publicReader,
    );
    expect(finding(eastern, 'authority')?.message).toContain('community-health-services in eastern-cheshire');
    expect(finding(eastern, 'authority')?.message).not.toContain('south-cheshire');
  });

  it('filters decisions by body, dates (closed-open) and function', () => {
    const register = buildDecisionRegister(script.facts);
    const ids = (filter: Parameters<typeof listDecisions>[1]) =>
      listDecisions(register, filter, eachCcgHoldsItsOwnArea, publicReader).map((view) => view.decisionId);
    expect(ids({ bodyId: 'south-cheshire-gb' })).toEqual(['cheshire-cic-2019-09/merger-application/south-cheshire-gb']);
    expect(ids({ from: '2019-09-26', to: '2019-09-27' })).toHaveLength(2);
    expect(ids({ to: '2019-09-26' })).toEqual([]);
    expect(ids({ function: 'public-health' })).toEqual([]);
  });
});

describe('decision register: a joint committee', () => {
  const script = new LedgerScript();
  establish(script, 'cheshire-jcc', 'joint-committee');
  appoint(script, 'cheshire-jcc', 'jcc-ec', { onBehalfOfBodyId: 'nhs-eastern-cheshire-ccg' });
  appoint(script, 'cheshire-jcc', 'jcc-sc', { onBehalfOfBodyId: 'nhs-south-cheshire-ccg' });
  appoint(script, 'cheshire-jcc', 'jcc-vr', { onBehalfOfBodyId: 'nhs-vale-royal-ccg' });
  const nonVoting = appoint(script, 'cheshire-jcc', 'jcc-cec', { onBehalfOfBodyId: 'cheshire-east-council', voting: false });
  const m = meeting(script, 'jcc-2017-10', '2017-10-05', { 'cheshire-jcc': 3 });
  m.item('community-services', { functions: ['community-health-services'], areas: ['cheshire-east'] });
  m.attend('cheshire-jcc', 'jcc-ec', 'jcc-sc', 'jcc-cec');
  m.decide('community-services', 'cheshire-jcc', 'agreed-without-vote', { required: 3, present: 2 });

  it('does not count a non-voting local-authority member present towards the quorum', () => {
    const view = meetingDecision(
      decisionView(
        buildDecisionRegister(script.facts),
        'jcc-2017-10/community-services/cheshire-jcc',
        judge(() => null),
        publicReader,
      ),
    );
    expect(view.quorum).toMatchObject({ required: 3, present: 2, quorate: false, counted: ['jcc-ec', 'jcc-sc'] });
    expect(finding(view, 'quorum')).toMatchObject({ ok: false });
    expect(finding(view, 'quorum')?.citedEvents).toEqual(expect.arrayContaining([m.convened, nonVoting]));
  });

  it('holds authority where every holder for the place had delegated to it, and not where one had not', () => {
    const register = buildDecisionRegister(script.facts);
    const allDelegated = judge((_, area) => ({ accountable: `nhs-${area}-ccg`, exercisedBy: 'cheshire-jcc' }));
    const asking = decisionView(register, 'jcc-2017-10/community-services/cheshire-jcc', allDelegated, publicReader);
    expect(finding(asking, 'authority')).toMatchObject({ ok: true });
    expect(allDelegated.asked).toEqual(['community-health-services/eastern-cheshire', 'community-health-services/south-cheshire']);

    const southKeptIt = judge((_, area) => ({
      accountable: `nhs-${area}-ccg`,
      exercisedBy: area === 'eastern-cheshire' ? 'cheshire-jcc' : undefined,
    }));
    const found = finding(decisionView(register, 'jcc-2017-10/community-services/cheshire-jcc', southKeptIt, publicReader), 'authority');
    expect(found).toMatchObject({ ok: false });
    expect(found?.message).toContain('community-health-services in south-cheshire: exercised by nhs-south-cheshire-ccg');
    expect(found?.message).not.toContain('eastern-cheshire:');
  });
});

describe('decision register: conflicts, quorum, authority and call-in findings', () => {
  it('finds a member who voted after a correction made their declaration a withdrawal, citing declaration, correction and vote', () => {
    const script = wirral();
    const m = meeting(script, 'gb-2019-03', '2019-03-14', { 'wirral-ccg-gb': 3 });
    m.item('contract-award');
    m.attend('wirral-ccg-gb', 'gb-1', 'gb-2', 'gb-3');
    const declared = m.declare('contract-award', 'wirral-ccg-gb', 'gb-2', 'noted');
    m.vote('contract-award', 'wirral-ccg-gb', 'gb-1', 'for');
    const conflictedVote = m.vote('contract-award', 'wirral-ccg-gb', 'gb-2', 'for');
    m.vote('contract-award', 'wirral-ccg-gb', 'gb-3', 'for');
    m.decide('contract-award', 'wirral-ccg-gb', 'carried', { required: 3, present: 3 });
    const beforeCorrection = script.head;
    const correction = script.correct(m.stream, declared, { action: 'withdrew' });
    const id = 'gb-2019-03/contract-award/wirral-ccg-gb';

    const asKnownBefore = decisionView(buildDecisionRegister(script.knownAt(beforeCorrection)), id, wirralCcgHolds, officerReader);
    expect(finding(asKnownBefore, 'conflicts')).toMatchObject({ ok: true });
    expect(asKnownBefore?.verdict.valid).toBe(true);

    const view = meetingDecision(decisionView(buildDecisionRegister(script.facts), id, wirralCcgHolds, officerReader));
    const conflicts = finding(view, 'conflicts');
    expect(conflicts).toMatchObject({ ok: false, message: 'gb-2 declared an interest (withdrew) yet voted for' });
    expect(conflicts?.citedEvents).toEqual([declared, correction, conflictedVote]);
    expect(view.declarations).toEqual([
      { membershipId: 'gb-2', member: { person: 'person gb-2' }, interest: 'partner works for the provider', action: 'withdrew' },
    ]);
    // The withdrawn member no longer counts towards the quorum either.
    expect(view.quorum).toMatchObject({ present: 2, quorate: false, recorded: { required: 3, present: 3, quorate: true } });
    expect(finding(view, 'quorum')?.message).toContain('recorded at the meeting as 3 of 3');
    expect(view.verdict.valid).toBe(false);
  });

  it('finds an inquorate decision invalid', () => {
    const script = wirral();
    const m = meeting(script, 'gb-2019-04', '2019-04-11', { 'wirral-ccg-gb': 3 });
    m.item('winter-plan');
    const attended = m.attend('wirral-ccg-gb', 'gb-1', 'gb-2');
    m.vote('winter-plan', 'wirral-ccg-gb', 'gb-1', 'for');
    m.vote('winter-plan', 'wirral-ccg-gb', 'gb-2', 'for');
    const decided = m.decide('winter-plan', 'wirral-ccg-gb', 'carried', { required: 3, present: 2 });
    const view = decisionView(buildDecisionRegister(script.facts), 'gb-2019-04/winter-plan/wirral-ccg-gb', wirralCcgHolds, publicReader);
    expect(finding(view, 'quorum')).toEqual({
      rule: 'quorum',
      ok: false,
      message: 'inquorate: 2 voting member(s) of wirral-ccg-gb present and not conflicted, 3 required',
      citedEvents: expect.arrayContaining([m.convened, decided, attended]),
    });
    expect(view?.verdict.valid).toBe(false);
    expect(view?.verdict.findings.filter((found) => !found.ok).map((found) => found.rule)).toEqual(['quorum']);
  });

  it('finds a decision ultra vires when another body held the function, citing the judge’s events', () => {
    const script = wirral();
    const m = meeting(script, 'gb-2019-05', '2019-05-09', { 'wirral-ccg-gb': 1 });
    const item = m.item('gp-contracts', { functions: ['primary-medical-services'] });
    m.attend('wirral-ccg-gb', 'gb-1');
    m.decide('gp-contracts', 'wirral-ccg-gb', 'agreed-without-vote', { required: 1, present: 1 });
    const nhsEnglandHolds = judge(() => ({ accountable: 'nhs-england' }));
    const view = decisionView(buildDecisionRegister(script.facts), 'gb-2019-05/gp-contracts/wirral-ccg-gb', nhsEnglandHolds, publicReader);
    const authority = finding(view, 'authority');
    expect(authority).toMatchObject({ ok: false });
    expect(authority?.message).toBe(
      'wirral-ccg-gb (acting for nhs-wirral-ccg) did not hold authority on 2019-05-09: primary-medical-services in wirral: exercised by nhs-england, accountable nhs-england',
    );
    expect(authority?.citedEvents).toEqual([item, m.convened, 'authority:nhs-england:primary-medical-services:wirral']);
    expect(view?.verdict.valid).toBe(false);
  });

  it('holds a called-in decision suspended until the call-in has a result, then notes the referral to full council', () => {
    const script = new LedgerScript();
    establish(script, 'wirral-council', 'local-authority', { areas: ['wirral'] });
    establish(script, 'wirral-jscb', 'committee', { parentBodyId: 'wirral-council' });
    appoint(script, 'wirral-jscb', 'jscb-1');
    const m = meeting(script, 'jscb-2018-10-16', '2018-10-16', { 'wirral-jscb': 1 });
    m.item('section-75');
    m.attend('wirral-jscb', 'jscb-1');
    m.decide('section-75', 'wirral-jscb', 'agreed-without-vote', { required: 1, present: 1 });
    const calledIn = script.record(m.stream, 'DecisionCalledIn', {
      meetingId: 'jscb-2018-10-16',
      itemId: 'section-75',
      bodyId: 'wirral-jscb',
      effective: '2018-10-24',
      reason: 'pooled fund risk share',
    });
    const suspendedAt = script.head;
    const result = script.record(m.stream, 'CallInResultRecorded', {
      meetingId: 'jscb-2018-10-16',
      itemId: 'section-75',
      bodyId: 'wirral-jscb',
      result: 'referred-to-full-council',
      effective: '2018-12-10',
    });
    const councilHolds = judge(() => ({ accountable: 'wirral-council' }));
    const id = 'jscb-2018-10-16/section-75/wirral-jscb';

    const suspended = meetingDecision(decisionView(buildDecisionRegister(script.knownAt(suspendedAt)), id, councilHolds, publicReader));
    expect(suspended.callIn).toEqual({ calledIn: '2018-10-24', reason: 'pooled fund risk share', status: 'suspended' });
    expect(finding(suspended, 'call-in')).toMatchObject({ ok: false, citedEvents: [calledIn] });
    expect(suspended.verdict.valid).toBe(false);

    const referred = meetingDecision(decisionView(buildDecisionRegister(script.facts), id, councilHolds, publicReader));
    expect(referred.callIn).toMatchObject({ status: 'referred-to-full-council', resultOn: '2018-12-10' });
    expect(finding(referred, 'call-in')).toMatchObject({ ok: true, citedEvents: [calledIn, result] });
    expect(finding(referred, 'call-in')?.message).toContain('referred to full council on 2018-12-10');
  });
});

describe('decision register: confidential (Part 2) items', () => {
  const script = wirral();
  const m = meeting(script, 'gb-2019-06', '2019-06-13', { 'wirral-ccg-gb': 1 });
  m.item('procurement', {
    text: 'Bidder B scored 71; bidder A 64',
    confidential: {
      paragraph: 3,
      publicInterestReason: 'commercial interests of the bidders',
      publicSummary: 'Award of the community equipment contract',
    },
  });
  m.attend('wirral-ccg-gb', 'gb-1', 'gb-2');
  m.motion('procurement', 'mo-9', 'gb-1', 'gb-2');
  m.vote('procurement', 'wirral-ccg-gb', 'gb-1', 'for');
  m.decide('procurement', 'wirral-ccg-gb', 'carried', { required: 1, present: 2 }, { motionId: 'mo-9' });
  const beforeLifting = script.head;
  const lifted = script.record(m.stream, 'ConfidentialityLifted', {
    meetingId: 'gb-2019-06',
    itemId: 'procurement',
    effective: '2021-01-01',
    reason: 'contract signed',
  });
  const id = 'gb-2019-06/procurement/wirral-ccg-gb';

  it('shows the public the item, paragraph, summary, outcome and votes, never the text, wording or resolution', () => {
    const view = meetingDecision(decisionView(buildDecisionRegister(script.knownAt(beforeLifting)), id, wirralCcgHolds, publicReader));
    expect(view.item).toEqual({
      id: 'procurement',
      title: 'title of procurement',
      functions: ['better-care-fund'],
      areas: ['wirral'],
      motions: [{ motionId: 'mo-9', mover: 'gb-1', seconder: 'gb-2' }],
      confidential: {
        paragraph: 3,
        publicInterestReason: 'commercial interests of the bidders',
        publicSummary: 'Award of the community equipment contract',
      },
      redacted: true,
      erasures: [],
    });
    expect(view.resolution).toBeUndefined();
    expect(view.outcome).toBe('carried');
    // gb-2 was present and cast no vote: abstained-no-vote-cast.
    expect(view.votes.map(({ membershipId, vote }) => [membershipId, vote])).toEqual([
      ['gb-1', 'for'],
      ['gb-2', 'abstained-no-vote-cast'],
    ]);
    expect(JSON.stringify(view)).not.toContain('Bidder B');
  });

  it('shows an officer reader the confidential content', () => {
    const view = meetingDecision(decisionView(buildDecisionRegister(script.knownAt(beforeLifting)), id, wirralCcgHolds, officerReader));
    expect(view.item).toMatchObject({ text: 'Bidder B scored 71; bidder A 64', redacted: false, confidential: { paragraph: 3 } });
    expect(view.item.motions[0].wording).toBe('That procurement be approved');
    expect(view.resolution).toBe('resolution on procurement');
  });

  it('shows the public the content once confidentiality is lifted', () => {
    const view = meetingDecision(decisionView(buildDecisionRegister(script.facts), id, wirralCcgHolds, publicReader));
    expect(view.item).toMatchObject({
      text: 'Bidder B scored 71; bidder A 64',
      redacted: false,
      confidential: { paragraph: 3, lifted: '2021-01-01' },
    });
    expect(view.citedEvents).toContain(lifted);
  });
});

describe('decision register: minutes approval', () => {
  it('shows the later meeting at which the minutes were approved', () => {
    const script = wirral();
    const first = meeting(script, 'gb-2019-07', '2019-07-11', { 'wirral-ccg-gb': 1 });
    first.item('budget');
    first.attend('wirral-ccg-gb', 'gb-1');
    first.decide('budget', 'wirral-ccg-gb', 'agreed-without-vote', { required: 1, present: 1 });
    const next = meeting(script, 'gb-2019-09', '2019-09-12', { 'wirral-ccg-gb': 1 });
    const approved = script.record(next.stream, 'MinutesApproved', {
      meetingId: 'gb-2019-09',
      minutesOfMeetingId: 'gb-2019-07',
      approval: 'subject-to-amendments',
      amendments: ['item 4: figure corrected'],
    });
    const view = meetingDecision(
      decisionView(buildDecisionRegister(script.facts), 'gb-2019-07/budget/wirral-ccg-gb', wirralCcgHolds, publicReader),
    );
    expect(view.minutes).toEqual([
      {
        atMeetingId: 'gb-2019-09',
        atMeetingDate: '2019-09-12',
        approval: 'subject-to-amendments',
        amendments: ['item 4: figure corrected'],
      },
    ]);
    expect(view.citedEvents).toContain(approved);
  });
});

describe('decision register: minutes amendments about an item', () => {
  // Item A is public, item B is Part 2: an amendment about A is as public as A, whatever B is.
  const script = wirral();
  const first = meeting(script, 'gb-2019-07', '2019-07-11', { 'wirral-ccg-gb': 1 });
  first.item('a-public');
  first.item('b-part2', {
    confidential: { paragraph: 3, publicInterestReason: 'commercial', publicSummary: 'Contract award' },
  });
  first.attend('wirral-ccg-gb', 'gb-1');
  for (const itemId of ['a-public', 'b-part2']) first.decide(itemId, 'wirral-ccg-gb', 'agreed-without-vote', { required: 1, present: 1 });
  const next = meeting(script, 'gb-2019-09', '2019-09-12', { 'wirral-ccg-gb': 1 });
  const itemAmendments = [
    { itemId: 'a-public', text: 'A: the figure is £2m' },
    { itemId: 'b-part2', text: 'B: bidder C scored 70' },
  ];
  script.record(next.stream, 'MinutesApproved', {
    meetingId: 'gb-2019-09',
    minutesOfMeetingId: 'gb-2019-07',
    approval: 'subject-to-amendments',
    amendments: ['Apologies: add gb-2'],
    itemAmendments,
  });
  const beforeLifting = script.head;
  script.record(first.stream, 'ConfidentialityLifted', {
    meetingId: 'gb-2019-07',
    itemId: 'b-part2',
    effective: '2021-01-01',
    reason: 'contract signed',
  });
  const minutesOf = (position: number, decision: string, kind: ReaderKind) =>
    meetingDecision(decisionView(buildDecisionRegister(script.knownAt(position)), decision, wirralCcgHolds, kind)).minutes;
  const recordOf = (position: number, meetingId: string, kind: ReaderKind) => {
    const register = buildDecisionRegister(script.knownAt(position));
    return meetingRecordView(register, register.meetings.get(meetingId)!, wirralCcgHolds, readerOf(register, kind), TODAY);
  };

  it('shows the public an amendment about a public item while another item is Part 2, and neither the other nor the general ones', () => {
    expect(minutesOf(beforeLifting, 'gb-2019-07/a-public/wirral-ccg-gb', publicReader)).toEqual([
      {
        atMeetingId: 'gb-2019-09',
        atMeetingDate: '2019-09-12',
        approval: 'subject-to-amendments',
        itemAmendments: [{ itemId: 'a-public', title: 'title of a-public', text: 'A: the figure is £2m' }],
      },
    ]);
    const minuted = recordOf(beforeLifting, 'gb-2019-07', publicReader);
    expect(minuted.minutes[0]).not.toHaveProperty('amendments');
    expect(minuted.minutes[0].itemAmendments).toEqual([{ itemId: 'a-public', title: 'title of a-public', text: 'A: the figure is £2m' }]);
    const approving = recordOf(beforeLifting, 'gb-2019-09', publicReader);
    expect(approving.minutesApproved).toEqual([
      {
        minutesOfMeetingId: 'gb-2019-07',
        approval: 'subject-to-amendments',
        itemAmendments: [{ itemId: 'a-public', title: 'title of a-public', text: 'A: the figure is £2m' }],
      },
    ]);
  });

  it('shows a decision’s view the amendments about its own item only, and a Part 2 item’s none to the public', () => {
    expect(minutesOf(beforeLifting, 'gb-2019-07/b-part2/wirral-ccg-gb', publicReader)[0]).not.toHaveProperty('itemAmendments');
    expect(minutesOf(beforeLifting, 'gb-2019-07/b-part2/wirral-ccg-gb', officerReader)[0]).toMatchObject({
      amendments: ['Apologies: add gb-2'],
      itemAmendments: [{ itemId: 'b-part2', text: 'B: bidder C scored 70' }],
    });
  });

  it('shows an entitled reader every amendment', () => {
    expect(recordOf(beforeLifting, 'gb-2019-07', officerReader).minutes[0]).toMatchObject({
      amendments: ['Apologies: add gb-2'],
      itemAmendments: itemAmendments.map((amendment) => expect.objectContaining(amendment)),
    });
  });

  it('shows the public the amendment about the Part 2 item once its confidentiality is lifted, and then the general ones', () => {
    expect(recordOf(script.head, 'gb-2019-07', publicReader).minutes[0]).toMatchObject({
      amendments: ['Apologies: add gb-2'],
      itemAmendments: itemAmendments.map((amendment) => expect.objectContaining(amendment)),
    });
  });

  it('folds an approval recorded before amendments could name an item as before', () => {
    const old = wirral();
    const minuted = meeting(old, 'gb-2019-07', '2019-07-11', { 'wirral-ccg-gb': 1 });
    minuted.item('a-public');
    meeting(old, 'gb-2019-09', '2019-09-12', { 'wirral-ccg-gb': 1 });
    old.record('meeting-gb-2019-09', 'MinutesApproved', {
      meetingId: 'gb-2019-09',
      minutesOfMeetingId: 'gb-2019-07',
      approval: 'subject-to-amendments',
      amendments: ['item 4: figure corrected'],
    });
    const register = buildDecisionRegister(old.facts);
    expect(register.minutesApprovals.get('gb-2019-07')).toEqual([
      expect.objectContaining({ amendments: ['item 4: figure corrected'], itemAmendments: [] }),
    ]);
    const view = meetingRecordView(register, register.meetings.get('gb-2019-07')!, wirralCcgHolds, readerOf(register, publicReader), TODAY);
    expect(view.minutes).toEqual([
      {
        atMeetingId: 'gb-2019-09',
        atMeetingDate: '2019-09-12',
        approval: 'subject-to-amendments',
        amendments: ['item 4: figure corrected'],
      },
    ]);
  });
});

describe('decision register: parallel approval of an advisory recommendation', () => {
  const script = new LedgerScript();
  establish(script, 'wirral-jhcc-executive-group', 'advisory-group');
  establish(script, 'wirral-ash-committee', 'committee', { parentBodyId: 'wirral-council' });
  establish(script, 'wirral-ccg-gb', 'committee', { parentBodyId: 'nhs-wirral-ccg' });
  appoint(script, 'wirral-ccg-gb', 'gb-1');
  const stream = 'recommendation-bcf-2020';
  const made = script.record(stream, 'RecommendationMade', {
    recommendationId: 'bcf-2020',
    fromBodyId: 'wirral-jhcc-executive-group',
    toBodyIds: ['wirral-ash-committee', 'wirral-ccg-gb'],
    title: 'Better Care Fund 2020/21',
    proposal: 'first proposal',
    functions: ['better-care-fund'],
    areas: ['wirral'],
    date: '2020-09-01',
  });
  const respond = (bodyId: string, response: string, date: string, decision?: { meetingId: string; itemId: string }) =>
    script.record(stream, 'BodyRespondedToRecommendation', {
      recommendationId: 'bcf-2020',
      bodyId,
      response,
      date,
      ...(decision ? { decision } : {}),
    });
  const m = meeting(script, 'gb-2020-10', '2020-10-08', { 'wirral-ccg-gb': 1 });
  m.item('bcf');
  m.attend('wirral-ccg-gb', 'gb-1');
  m.decide('bcf', 'wirral-ccg-gb', 'referred-back', { required: 1, present: 1 });
  const approvedFirst = respond('wirral-ash-committee', 'approved', '2020-10-05');
  const referredBack = respond('wirral-ccg-gb', 'referred-back', '2020-10-08', { meetingId: 'gb-2020-10', itemId: 'bcf' });
  const roundOneDone = script.head;
  const revised = script.record(stream, 'RecommendationRevised', {
    recommendationId: 'bcf-2020',
    proposal: 'revised proposal',
    date: '2020-11-02',
  });
  const approvals = [
    respond('wirral-ash-committee', 'approved', '2020-11-16'),
    respond('wirral-ccg-gb', 'approved', '2020-11-19', { meetingId: 'gb-2020-11', itemId: 'bcf' }),
  ];

  it('stands referred back after one body refers it back, whatever the other approved', () => {
    const view = recommendationView(buildDecisionRegister(script.knownAt(roundOneDone)), 'bcf-2020');
    expect(view).toMatchObject({ round: 1, status: 'referred-back', proposal: 'first proposal' });
    expect(view?.bodies).toEqual([
      {
        bodyId: 'wirral-ash-committee',
        name: 'wirral-ash-committee',
        response: { bodyId: 'wirral-ash-committee', response: 'approved', date: '2020-10-05', citedEvents: [approvedFirst] },
      },
      {
        bodyId: 'wirral-ccg-gb',
        name: 'wirral-ccg-gb',
        response: {
          bodyId: 'wirral-ccg-gb',
          response: 'referred-back',
          date: '2020-10-08',
          decision: { meetingId: 'gb-2020-10', itemId: 'bcf', decisionId: 'gb-2020-10/bcf/wirral-ccg-gb' },
          citedEvents: [referredBack],
        },
      },
    ]);
  });

  it('after a revision approved by every body, stands approved, keeping the earlier round', () => {
    const view = recommendationView(buildDecisionRegister(script.facts), 'bcf-2020');
    expect(view).toMatchObject({ round: 2, status: 'approved', proposal: 'revised proposal' });
    expect(view?.rounds.map(({ round, proposal, opened, status }) => ({ round, proposal, opened, status }))).toEqual([
      { round: 1, proposal: 'first proposal', opened: '2020-09-01', status: 'referred-back' },
      { round: 2, proposal: 'revised proposal', opened: '2020-11-02', status: 'approved' },
    ]);
    // The governing body's second meeting is not recorded yet: the reference stands without a decision id.
    expect(view?.bodies[1].response?.decision).toEqual({ meetingId: 'gb-2020-11', itemId: 'bcf' });
    expect(view?.citedEvents).toEqual([made, approvedFirst, referredBack, revised, ...approvals]);
  });

  it('answers undefined for a recommendation not recorded', () => {
    expect(recommendationView(buildDecisionRegister(script.facts), 'nope')).toBeUndefined();
  });
});

describe('decision register: officer decisions', () => {
  const script = new LedgerScript();
  establish(script, 'nhs-cheshire-ccg', 'ccg', { areas: ['eastern-cheshire', 'south-cheshire'], effective: '2020-04-01' });
  const recorded = script.record('officer-decision-od-2021-017', 'OfficerDecisionRecorded', {
    decisionId: 'od-2021-017',
    officer: { name: 'A. Example', post: 'Director of Commissioning' },
    bodyId: 'nhs-cheshire-ccg',
    delegationRelied: { delegationId: 'cheshire-ccg-sord-2020', instrument: 'SoRD 2020, para 4.2' },
    date: '2021-03-15',
    decision: 'Extend the community equipment contract by twelve months',
    reasons: 'Continuity while the ICB procurement is prepared',
    alternativesRejected: ['Re-procure now'],
    conflicts: [{ interest: 'Spouse employed by the incumbent', dispensation: 'Decision taken by deputy' }],
    functions: ['community-health-services'],
    areas: ['eastern-cheshire'],
  });
  const ccgExercises = judge(() => ({ accountable: 'nhs-england', exercisedBy: 'nhs-cheshire-ccg' }));

  it('shows the officer, the delegation relied on, reasons, alternatives and conflicts, and finds the body held authority', () => {
    const view = decisionView(
      buildDecisionRegister(script.facts),
      'officer/od-2021-017',
      ccgExercises,
      publicReader,
    ) as OfficerDecisionView;
    expect(view).toMatchObject({
      kind: 'officer',
      decisionId: 'officer/od-2021-017',
      date: '2021-03-15',
      officer: { name: 'A. Example', post: 'Director of Commissioning' },
      onBehalfOf: { id: 'nhs-cheshire-ccg', kind: 'ccg', name: 'nhs-cheshire-ccg' },
      delegationRelied: { delegationId: 'cheshire-ccg-sord-2020', instrument: 'SoRD 2020, para 4.2' },
      reasons: 'Continuity while the ICB procurement is prepared',
      alternativesRejected: ['Re-procure now'],
      conflicts: [{ interest: 'Spouse employed by the incumbent', dispensation: 'Decision taken by deputy' }],
    });
    expect(view.verdict).toEqual({
      valid: true,
      findings: [
        {
          rule: 'authority',
          ok: true,
          message:
            'nhs-cheshire-ccg held authority on 2021-03-15: community-health-services in eastern-cheshire: exercised by nhs-cheshire-ccg, accountable nhs-england',
          citedEvents: [
            recorded,
            'authority:nhs-cheshire-ccg:community-health-services:eastern-cheshire',
            'authority:nhs-england:community-health-services:eastern-cheshire',
          ],
        },
      ],
    });
  });

  it('finds an officer decision invalid when the body it was taken for did not hold the function', () => {
    const view = decisionView(
      buildDecisionRegister(script.facts),
      'officer/od-2021-017',
      judge(() => ({ accountable: 'nhs-england' })),
      publicReader,
    );
    expect(view?.verdict.valid).toBe(false);
  });

  it('lists officer decisions with the body they were taken for', () => {
    const register = buildDecisionRegister(script.facts);
    expect(
      listDecisions(register, { bodyId: 'nhs-cheshire-ccg', function: 'community-health-services' }, ccgExercises, publicReader).map(
        (view) => view.decisionId,
      ),
    ).toEqual(['officer/od-2021-017']);
  });
});

describe('decision register: voters present who cast no vote', () => {
  const script = wirral();
  const m = meeting(script, 'gb-2019-03', '2019-03-14', { 'wirral-ccg-gb': 2 });
  m.item('contract');
  const attendance = m.attend('wirral-ccg-gb', 'gb-1', 'gb-2', 'gb-3', 'gb-4');
  m.declare('contract', 'wirral-ccg-gb', 'gb-4', 'withdrew');
  m.vote('contract', 'wirral-ccg-gb', 'gb-1', 'for');
  m.vote('contract', 'wirral-ccg-gb', 'gb-2', 'against');
  m.decide(
    'contract',
    'wirral-ccg-gb',
    'defeated',
    { required: 2, present: 3 },
    {
      counts: { for: 1, against: 1, abstain: 0, abstainedNoVoteCast: 1 },
      countsFrom: 'votes',
    },
  );
  m.item('minutes');
  m.decide('minutes', 'wirral-ccg-gb', 'agreed-without-vote', { required: 2, present: 4 });
  const id = 'gb-2019-03/contract/wirral-ccg-gb';

  it('shows each voter present and free to vote who cast none as abstained-no-vote-cast, in the votes and the counts', () => {
    const view = meetingDecision(decisionView(buildDecisionRegister(script.facts), id, wirralCcgHolds, publicReader));
    expect(view.votes.map(({ membershipId, vote }) => [membershipId, vote])).toEqual([
      ['gb-1', 'for'],
      ['gb-2', 'against'],
      ['gb-3', 'abstained-no-vote-cast'],
    ]);
    expect(view.counts).toEqual({ for: 1, against: 1, abstain: 0, abstainedNoVoteCast: 1 });
    expect(view.quorum).toMatchObject({ present: 3, counted: ['gb-1', 'gb-2', 'gb-3'] });
  });

  it('follows a correction of the attendance', () => {
    const corrected = new LedgerScript();
    for (const fact of script.facts) corrected.facts.push(fact);
    corrected.correct(m.stream, attendance, {
      present: ['gb-1', 'gb-2'].map((membershipId) => ({ membershipId, bodyId: 'wirral-ccg-gb' })),
    });
    const view = meetingDecision(decisionView(buildDecisionRegister(corrected.facts), id, wirralCcgHolds, publicReader));
    expect(view.votes.map(({ vote }) => vote)).toEqual(['for', 'against']);
    expect(view.counts).toEqual({ for: 1, against: 1, abstain: 0, abstainedNoVoteCast: 0 });
  });

  it('shows nobody as silent where the item was not put to a vote', () => {
    const view = meetingDecision(
      decisionView(buildDecisionRegister(script.facts), 'gb-2019-03/minutes/wirral-ccg-gb', wirralCcgHolds, publicReader),
    );
    expect(view.votes).toEqual([]);
    expect([view.counts, view.countsFrom]).toEqual([null, null]);
  });
});
