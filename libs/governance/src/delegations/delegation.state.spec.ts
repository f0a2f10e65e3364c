import { evolveDelegation } from './delegation.decider';
import { DelegationEvent } from './delegation.events';
import { delegationInterval, GrantedDelegation, termsAt, termsOverTime } from './delegation.state';

const source = { title: 'Cheshire CCG scheme of reservation and delegation' };
const delegationId = 'cheshire-ccg-to-cheshire-east-place';
const history = (...events: DelegationEvent[]) => events.reduce(evolveDelegation, { recorded: false }) as GrantedDelegation;
const granted: DelegationEvent = {
  type: 'DelegationGranted',
  data: {
    delegationId,
    delegatorBodyId: 'nhs-cheshire-ccg',
    delegateBodyId: 'cheshire-east-place-committee',
    functions: ['community-health-services'],
    areas: ['eastern-cheshire', 'south-cheshire'],
    from: '2020-04-01',
    to: '2022-07-01',
    instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'SoRD 2020' },
    subDelegationAllowed: false,
    source,
  },
};
const varied = (
  data: Omit<Extract<DelegationEvent, { type: 'DelegationVaried' }>['data'], 'delegationId' | 'source'>,
): DelegationEvent => ({
  type: 'DelegationVaried',
  data: { delegationId, source, ...data },
});

describe('delegation state', () => {
  it('keeps the variation history in recording order and slots a retrospective variation in by its effective date', () => {
    const delegation = history(
      granted,
      varied({ effective: '2021-04-01', functions: ['community-health-services', 'intermediate-care'] }),
      varied({ effective: '2020-10-01', areas: ['eastern-cheshire'] }),
    );
    expect(delegation.variations.map((variation) => variation.effective)).toEqual(['2021-04-01', '2020-10-01']);
    expect(termsOverTime(delegation)).toEqual([
      {
        from: '2020-04-01',
        to: '2020-10-01',
        functions: ['community-health-services'],
        areas: ['eastern-cheshire', 'south-cheshire'],
        subDelegationAllowed: false,
      },
      {
        from: '2020-10-01',
        to: '2021-04-01',
        functions: ['community-health-services'],
        areas: ['eastern-cheshire'],
        subDelegationAllowed: false,
      },
      {
        from: '2021-04-01',
        to: '2022-07-01',
        functions: ['community-health-services', 'intermediate-care'],
        areas: ['eastern-cheshire'],
        subDelegationAllowed: false,
      },
    ]);
    expect(termsAt(delegation, '2021-03-31')?.areas).toEqual(['eastern-cheshire']);
    expect(termsAt(delegation, '2022-07-01')).toBeUndefined();
  });

  it('ends at the later-effective variation’s end, cut short by a revocation', () => {
    const extended = history(granted, varied({ effective: '2021-04-01', to: null }));
    expect(delegationInterval(extended)).toEqual({ from: '2020-04-01', to: null });
    const revoked = history(granted, varied({ effective: '2021-04-01', to: null }), {
      type: 'DelegationRevoked',
      data: { delegationId, effective: '2021-10-01', source },
    });
    expect(delegationInterval(revoked)).toEqual({ from: '2020-04-01', to: '2021-10-01' });
    expect(termsOverTime(revoked).at(-1)).toMatchObject({ from: '2021-04-01', to: '2021-10-01' });
  });

  it('merges variations effective on the same day, the later recorded winning', () => {
    const delegation = history(
      granted,
      varied({ effective: '2021-04-01', areas: ['south-cheshire'] }),
      varied({ effective: '2021-04-01', areas: ['eastern-cheshire'], subDelegationAllowed: true }),
    );
    expect(termsAt(delegation, '2021-04-01')).toMatchObject({ areas: ['eastern-cheshire'], subDelegationAllowed: true });
    expect(termsOverTime(delegation)).toHaveLength(2);
  });
});
