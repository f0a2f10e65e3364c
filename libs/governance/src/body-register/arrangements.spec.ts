import { arrangementsOf } from './arrangements';
import { LedgerScript } from './ledger-script.testing';

function establish(script: LedgerScript, bodyId: string, kind: string, name: string, effective: string): string {
  return script.record(`body-${bodyId}`, 'BodyEstablished', { bodyId, kind, name, areas: [], effective });
}

function seat(script: LedgerScript, bodyId: string, party: string, from: string, to: string | null = null): string {
  return script.record(`body-${bodyId}`, 'MemberAppointed', {
    bodyId,
    membershipId: `${bodyId}-${party}`,
    member: { seat: party },
    role: 'party',
    voting: false,
    onBehalfOfBodyId: party,
    from,
    to,
  });
}

/** Halton and Warrington CCGs share a management team (2020–2022) and sit, with the other CCGs, on a joint committee. */
function haltonAndWarrington() {
  const script = new LedgerScript();
  establish(script, 'halton', 'ccg', 'NHS Halton CCG', '2013-04-01');
  establish(script, 'warrington', 'ccg', 'NHS Warrington CCG', '2013-04-01');
  const team = establish(script, 'team', 'joint-management', 'Halton and Warrington joint management team', '2020-11-09');
  const haltonSeat = seat(script, 'team', 'halton', '2020-11-09', '2022-07-01');
  const warringtonSeat = seat(script, 'team', 'warrington', '2020-11-09', '2022-07-01');
  return { script, team, haltonSeat, warringtonSeat };
}

describe('the arrangements a body took part in', () => {
  it('given a shared team with a seat on behalf of each CCG, when Halton is asked about, then it lists the team with Warrington as the other party', () => {
    const { script, team, haltonSeat, warringtonSeat } = haltonAndWarrington();
    expect(arrangementsOf(script.facts, 'halton')).toEqual([
      expect.objectContaining({
        bodyId: 'team',
        kind: 'joint-management',
        from: '2020-11-09',
        to: '2022-07-01',
        otherParties: [
          { bodyId: 'warrington', name: 'NHS Warrington CCG', from: '2020-11-09', to: '2022-07-01', citedEvents: [warringtonSeat] },
        ],
        delegations: [],
        citedEvents: [team, haltonSeat],
      }),
    ]);
  });

  it('given the arrangement ended before the seat did, then the dates stop at its end (closed-open)', () => {
    const { script } = haltonAndWarrington();
    script.record('body-team', 'BodyDissolved', { bodyId: 'team', effective: '2022-04-01' });
    const [team] = arrangementsOf(script.facts, 'halton');
    expect([team.from, team.to, team.otherParties[0].to]).toEqual(['2020-11-09', '2022-04-01', '2022-04-01']);
  });

  it('given a pooled budget with a seat for the council and for the CCG, when the council is asked about, then it lists the pooled budget with the CCG as partner', () => {
    const script = new LedgerScript();
    establish(script, 'council', 'local-authority', 'Wirral Council', '1974-04-01');
    establish(script, 'ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01');
    const fund = establish(script, 'fund', 'pooled-budget', 'Wirral section 75 pooled fund', '2018-04-01');
    const councilSeat = seat(script, 'fund', 'council', '2018-04-01');
    seat(script, 'fund', 'ccg', '2018-04-01', '2022-07-01');
    const [pooled] = arrangementsOf(script.facts, 'council');
    expect(pooled).toEqual(
      expect.objectContaining({ bodyId: 'fund', kind: 'pooled-budget', from: '2018-04-01', to: null, citedEvents: [fund, councilSeat] }),
    );
    expect(pooled.otherParties.map(({ bodyId, to }) => [bodyId, to])).toEqual([['ccg', '2022-07-01']]);
  });

  it('given a seat on a Health and Wellbeing Board and a merger, then neither is an arrangement', () => {
    const script = new LedgerScript();
    establish(script, 'halton', 'ccg', 'NHS Halton CCG', '2013-04-01');
    establish(script, 'board', 'health-and-wellbeing-board', 'Halton Health and Wellbeing Board', '2013-04-01');
    seat(script, 'board', 'halton', '2013-04-01');
    establish(script, 'icb', 'icb', 'NHS Cheshire and Merseyside ICB', '2022-07-01');
    script.record('reorganisation-r', 'TransferSchemeRecorded', {
      reorganisationId: 'r',
      abolishedBodyIds: ['halton'],
      receivingBodyId: 'icb',
      legalDate: '2022-07-01',
    });
    expect(arrangementsOf(script.facts, 'halton')).toEqual([]);
  });

  it('given a joint committee Halton delegated to, then the delegation is listed with it, and another body’s is not', () => {
    const { script } = haltonAndWarrington();
    establish(script, 'committee', 'joint-committee', 'Joint Committee', '2021-03-01');
    seat(script, 'committee', 'halton', '2021-03-01');
    const grant = (delegator: string) =>
      script.record(`delegation-${delegator}`, 'DelegationGranted', {
        delegationId: delegator,
        delegatorBodyId: delegator,
        delegateBodyId: 'committee',
        functions: ['acute-hospital-services'],
        areas: ['halton'],
        from: '2021-03-01',
        to: '2022-07-01',
        instrument: { kind: 'terms-of-reference', reference: 'ToR' },
        subDelegationAllowed: false,
      });
    const haltons = grant('halton');
    grant('warrington');
    const committee = arrangementsOf(script.facts, 'halton').find((one) => one.bodyId === 'committee')!;
    expect(committee.delegations).toEqual([
      {
        delegationId: 'halton',
        functions: ['acute-hospital-services'],
        areas: ['halton'],
        from: '2021-03-01',
        to: '2022-07-01',
        citedEvents: [haltons],
      },
    ]);
  });

  it('given the seat is not yet recorded, then the arrangement is not listed (as known then)', () => {
    const { script, haltonSeat } = haltonAndWarrington();
    const position = Number(haltonSeat.slice(1));
    expect(arrangementsOf(script.knownAt(position - 1), 'halton')).toEqual([]);
    expect(arrangementsOf(script.knownAt(position), 'halton')).toHaveLength(1);
  });
});
