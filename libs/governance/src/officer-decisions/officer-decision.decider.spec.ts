import { deciderSpec } from '../../test/decider-spec';
import { EstablishedBody } from '../bodies/body.state';
import { evolveDelegation } from '../delegations/delegation.decider';
import { DelegationEvent } from '../delegations/delegation.events';
import { GrantedDelegation } from '../delegations/delegation.state';
import { officerDecisionDecider } from './officer-decision.decider';
import { OfficerDecisionData } from './officer-decision.events';

const source = { title: 'NHS Cheshire CCG register of procurement decisions', illustrative: true };
const spec = deciderSpec(officerDecisionDecider);

const cheshireCcg: EstablishedBody = {
  recorded: true,
  bodyId: 'nhs-cheshire-ccg',
  kind: 'ccg',
  name: 'NHS Cheshire CCG',
  odsCode: '27D',
  areas: ['eastern-cheshire', 'south-cheshire', 'west-cheshire', 'vale-royal'],
  established: '2020-04-01',
  dissolved: '2022-07-01',
  memberships: {},
  statutoryFunctions: [],
  names: [{ name: 'NHS Cheshire CCG', effective: '2020-04-01', citedEvents: [] }],
  lifeEvents: [],
};
const granted: DelegationEvent = {
  type: 'DelegationGranted',
  data: {
    delegationId: 'cheshire-ccg-sord-2020',
    delegatorBodyId: 'nhs-england',
    delegateBodyId: cheshireCcg.bodyId,
    functions: ['community-health-services', 'continuing-healthcare'],
    areas: ['eastern-cheshire', 'south-cheshire', 'west-cheshire', 'vale-royal'],
    from: '2020-04-01',
    to: '2022-07-01',
    instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'SoRD 2020' },
    subDelegationAllowed: false,
    source,
  },
};
const delegation = (...events: DelegationEvent[]) =>
  [granted, ...events].reduce(evolveDelegation, { recorded: false }) as GrantedDelegation;
const withDelegation = (held: GrantedDelegation) => ({
  bodies: new Map([[cheshireCcg.bodyId, cheshireCcg]]),
  delegations: new Map([[held.delegationId, held]]),
});
const context = withDelegation(delegation());

const decision: OfficerDecisionData = {
  decisionId: 'cheshire-ccg-od-2021-017',
  officer: { name: 'A. Example', post: 'Director of Commissioning' },
  bodyId: cheshireCcg.bodyId,
  delegationRelied: { delegationId: 'cheshire-ccg-sord-2020', instrument: 'Scheme of reservation and delegation, 2020, para 4.2' },
  date: '2021-03-15',
  decision: 'Extend the community equipment contract by twelve months',
  reasons: 'Continuity of service while the single ICB procurement is prepared',
  alternativesRejected: ['Re-procure now', 'Let the contract lapse'],
  conflicts: [
    { interest: 'Spouse employed by the incumbent provider', dispensation: 'Withdrew from evaluation; decision taken by deputy' },
  ],
  functions: ['community-health-services'],
  areas: ['eastern-cheshire', 'south-cheshire'],
  source,
};
const recorded = { type: 'OfficerDecisionRecorded' as const, data: decision };

describe('officer decision decider', () => {
  it('records an officer decision with its delegation, reasons, alternatives and conflicts', () =>
    spec.given([], context).when({ type: 'RecordOfficerDecision', data: decision }).then([recorded]));

  it('accepts a delegation cited only by its instrument, when it is not recorded in the ledger', () => {
    const data = { ...decision, delegationRelied: { instrument: 'Prime financial policies, section 7' } };
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data })
      .then([{ type: 'OfficerDecisionRecorded', data }]);
  });

  it('refuses the same decision twice (409)', () =>
    spec.given([recorded], context).when({ type: 'RecordOfficerDecision', data: decision }).thenThrows('already-recorded', 409));

  it('refuses a malformed date', () =>
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, date: '2021-02-29' } })
      .thenThrows('civil-date', 422));

  it('refuses an unknown body (404)', () =>
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, bodyId: 'nowhere' } })
      .thenThrows('unknown-reference', 404));

  it('refuses a decision on behalf of a body that did not exist on the date', () => {
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, date: '2020-03-31' } })
      .thenThrows('body-not-in-existence', 422);
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, date: '2022-07-01' } })
      .thenThrows('body-not-in-existence', 422);
  });

  it('refuses a cited delegation id the ledger does not hold (404)', () =>
    spec
      .given([], context)
      .when({
        type: 'RecordOfficerDecision',
        data: { ...decision, delegationRelied: { delegationId: 'no-such-delegation', instrument: 'x' } },
      })
      .thenThrows('unknown-reference', 404));

  it('refuses a delegation made to another body than the one decided for', () =>
    spec
      .given([], withDelegation({ ...delegation(), delegateBodyId: 'nhs-wirral-ccg' }))
      .when({ type: 'RecordOfficerDecision', data: decision })
      .thenThrows('delegation-not-to-body', 422));

  it('refuses a delegation that was not in force on the date', () =>
    spec
      .given(
        [],
        withDelegation(
          delegation({ type: 'DelegationRevoked', data: { delegationId: 'cheshire-ccg-sord-2020', effective: '2021-01-01', source } }),
        ),
      )
      .when({ type: 'RecordOfficerDecision', data: decision })
      .thenThrows('delegation-not-in-force', 422));

  it('refuses a decision on a function or area the delegation did not cover', () => {
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, functions: ['dental-services'] } })
      .thenThrows('outside-delegation', 422);
    spec
      .given([], context)
      .when({ type: 'RecordOfficerDecision', data: { ...decision, areas: ['wirral'] } })
      .thenThrows('outside-delegation', 422);
  });
});
