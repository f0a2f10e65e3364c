import { deciderSpec } from '../../test/decider-spec';
import { BodyEvent } from '../bodies/body.events';
import { evolveBody } from '../bodies/body.decider';
import { EstablishedBody } from '../bodies/body.state';
import { DelegationCommand } from './delegation.commands';
import { delegationDecider, evolveDelegation } from './delegation.decider';
import { DelegationEvent } from './delegation.events';
import { DelegationState } from './delegation.state';

const source = { title: 'NHS Confederation, "Delegation and integration"' };
const spec = deciderSpec(delegationDecider);

function body(data: Omit<Extract<BodyEvent, { type: 'BodyEstablished' }>['data'], 'source'>, dissolved?: string): EstablishedBody {
  const events: BodyEvent[] = [{ type: 'BodyEstablished', data: { ...data, source } }];
  if (dissolved) events.push({ type: 'BodyDissolved', data: { bodyId: data.bodyId, effective: dissolved, source } });
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const nhsEngland = body({ bodyId: 'nhs-england', kind: 'nhs-england', name: 'NHS England', areas: [], effective: '2013-04-01' });
const icb = body({
  bodyId: 'nhs-cheshire-and-merseyside-icb',
  kind: 'icb',
  name: 'NHS Cheshire and Merseyside ICB',
  odsCode: 'QYG',
  areas: ['eastern-cheshire', 'south-cheshire', 'wirral'],
  effective: '2022-07-01',
});
const place = body({
  bodyId: 'cheshire-east-place',
  kind: 'committee',
  name: 'Cheshire East Place',
  parentBodyId: icb.bodyId,
  areas: ['eastern-cheshire', 'south-cheshire'],
  effective: '2022-07-01',
});
const cheshireCcg = body(
  {
    bodyId: 'nhs-cheshire-ccg',
    kind: 'ccg',
    name: 'NHS Cheshire CCG',
    odsCode: '27D',
    areas: ['eastern-cheshire', 'south-cheshire'],
    effective: '2020-04-01',
  },
  '2022-07-01',
);
const executiveGroup = body({
  bodyId: 'wirral-jhcceg',
  kind: 'advisory-group',
  name: 'Joint Health and Care Commissioning Executive Group',
  areas: ['wirral'],
  effective: '2020-01-01',
});
const pooledFund = body({
  bodyId: 'wirral-pooled-fund',
  kind: 'pooled-budget',
  name: 'Wirral section 75 pooled fund',
  areas: ['wirral'],
  effective: '2018-04-01',
});
const bodies = new Map([nhsEngland, icb, place, cheshireCcg, executiveGroup, pooledFund].map((known) => [known.bodyId, known]));

const grant = {
  delegationId: 'nhse-to-cm-icb-pms',
  delegatorBodyId: 'nhs-england',
  delegateBodyId: 'nhs-cheshire-and-merseyside-icb',
  functions: ['primary-medical-services' as const],
  areas: ['eastern-cheshire' as const, 'south-cheshire' as const, 'wirral' as const],
  from: '2022-07-01',
  instrument: { kind: 'delegation-agreement' as const, reference: 'Primary medical services delegation agreement 2022' },
  subDelegationAllowed: true,
  source,
};
type Granted = Extract<DelegationEvent, { type: 'DelegationGranted' }>;
const granted: Granted = { type: 'DelegationGranted', data: { ...grant, to: null } };
const grantedWith = (changes: Partial<Granted['data']>, event: Granted = granted): Granted => ({
  type: 'DelegationGranted',
  data: { ...event.data, ...changes },
});
const grantCommand: DelegationCommand = { type: 'GrantDelegation', data: grant };

/** A sub-delegation by the ICB to its Cheshire East place, under the NHS England delegation. */
const subGrant = {
  ...grant,
  delegationId: 'cm-icb-to-cheshire-east-place-pms',
  delegatorBodyId: 'nhs-cheshire-and-merseyside-icb',
  delegateBodyId: 'cheshire-east-place',
  areas: ['eastern-cheshire' as const, 'south-cheshire' as const],
  instrument: { kind: 'scheme-of-reservation-and-delegation' as const, reference: 'ICB scheme of reservation and delegation, 2022' },
  subDelegationAllowed: false,
  parentDelegationId: 'nhse-to-cm-icb-pms',
};
const subGranted: Granted = { type: 'DelegationGranted', data: { ...subGrant, to: null } };

const parentFrom = (...events: DelegationEvent[]): DelegationState => events.reduce(evolveDelegation, { recorded: false });
const vary = (data: Partial<Extract<DelegationCommand, { type: 'VaryDelegation' }>['data']>): DelegationCommand => ({
  type: 'VaryDelegation',
  data: { delegationId: grant.delegationId, effective: '2023-04-01', source, ...data },
});
const revoke = (effective: string, delegationId = grant.delegationId): DelegationCommand => ({
  type: 'RevokeDelegation',
  data: { delegationId, effective, source },
});
const varied = (data: Partial<Extract<DelegationEvent, { type: 'DelegationVaried' }>['data']>): DelegationEvent => ({
  type: 'DelegationVaried',
  data: { delegationId: grant.delegationId, effective: '2023-04-01', source, ...data },
});

describe('delegation decider', () => {
  describe('GrantDelegation', () => {
    it('grants a delegation, open-ended when no end is given', () => spec.given([], { bodies }).when(grantCommand).then([granted]));

    it('keeps an end date and the decision that approved it', () => {
      const data = { ...grant, to: '2025-04-01', approvedBy: { meetingId: 'nhse-board-2022-05-26', itemId: 'item-7' } };
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data })
        .then([{ type: 'DelegationGranted', data }]);
    });

    it('refuses the same delegation id twice (409)', () =>
      spec.given([granted], { bodies }).when(grantCommand).thenThrows('already-recorded', 409));

    it('refuses to <= from', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, to: '2022-07-01' } })
        .thenThrows('interval-order', 422));

    it('refuses a malformed date', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, from: '2022-02-30' } })
        .thenThrows('civil-date', 422));

    it('refuses a delegation of no functions', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, functions: [] } })
        .thenThrows('delegation-needs-functions', 422));

    it('refuses a delegation for no areas', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, areas: [] } })
        .thenThrows('delegation-needs-areas', 422));

    it('refuses a body delegating to itself', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, delegateBodyId: 'nhs-england' } })
        .thenThrows('delegation-to-self', 422));

    it('refuses an unknown delegator (404)', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, delegatorBodyId: 'nowhere' } })
        .thenThrows('unknown-reference', 404));

    it('refuses an unknown delegate (404)', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, delegateBodyId: 'nowhere' } })
        .thenThrows('unknown-reference', 404));

    it('refuses a delegate not yet established at from', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, from: '2022-06-01' } })
        .thenThrows('body-not-in-existence', 422));

    it('refuses a delegator already dissolved at from', () =>
      spec
        .given([], { bodies })
        .when({
          type: 'GrantDelegation',
          data: { ...grant, delegatorBodyId: 'nhs-cheshire-ccg', delegateBodyId: 'cheshire-east-place', areas: ['eastern-cheshire'] },
        })
        .thenThrows('body-not-in-existence', 422));

    it('refuses a delegation to an advisory group, which has no decision powers', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, delegateBodyId: 'wirral-jhcceg', from: '2022-07-01', areas: ['wirral'] } })
        .thenThrows('delegate-cannot-decide', 422));

    it('refuses a delegation to a pooled budget, a fund its partners hold that decides nothing', () =>
      spec
        .given([], { bodies })
        .when({ type: 'GrantDelegation', data: { ...grant, delegateBodyId: 'wirral-pooled-fund', from: '2022-07-01', areas: ['wirral'] } })
        .thenThrows('delegate-cannot-decide', 422));

    describe('as a sub-delegation', () => {
      const subGrantCommand: DelegationCommand = { type: 'GrantDelegation', data: subGrant };

      it('grants within the parent delegation', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted) })
          .when(subGrantCommand)
          .then([subGranted]));

      it('refuses an unknown parent delegation (404)', () =>
        spec.given([], { bodies }).when(subGrantCommand).thenThrows('unknown-reference', 404));

      it('refuses a delegator that is not the parent delegation’s delegate', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted) })
          .when({ type: 'GrantDelegation', data: { ...subGrant, delegatorBodyId: 'nhs-england' } })
          .thenThrows('sub-delegator-not-parent-delegate', 422));

      it('refuses when the parent does not allow sub-delegation', () =>
        spec
          .given([], { bodies, parent: parentFrom(grantedWith({ subDelegationAllowed: false })) })
          .when(subGrantCommand)
          .thenThrows('sub-delegation-not-allowed', 422));

      it('refuses when a variation of the parent stops sub-delegation during the interval', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted, varied({ effective: '2024-04-01', subDelegationAllowed: false })) })
          .when(subGrantCommand)
          .thenThrows('sub-delegation-not-allowed', 422));

      it('grants when it ends before the parent stops allowing sub-delegation', () => {
        const data = { ...subGrant, to: '2024-04-01' };
        spec
          .given([], { bodies, parent: parentFrom(granted, varied({ effective: '2024-04-01', subDelegationAllowed: false })) })
          .when({ type: 'GrantDelegation', data })
          .then([{ type: 'DelegationGranted', data }]);
      });

      it('refuses a function the parent does not delegate', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted) })
          .when({ type: 'GrantDelegation', data: { ...subGrant, functions: ['primary-medical-services', 'dental-services'] } })
          .thenThrows('sub-delegation-exceeds-parent', 422));

      it('refuses an area the parent does not cover', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted) })
          .when({ type: 'GrantDelegation', data: { ...subGrant, areas: ['eastern-cheshire', 'west-cheshire'] } })
          .thenThrows('sub-delegation-exceeds-parent', 422));

      it('refuses an area the parent stops covering during the interval', () =>
        spec
          .given([], { bodies, parent: parentFrom(granted, varied({ effective: '2024-04-01', areas: ['wirral'] })) })
          .when(subGrantCommand)
          .thenThrows('sub-delegation-exceeds-parent', 422));

      it('refuses to start before the parent', () =>
        spec
          .given([], { bodies, parent: parentFrom(grantedWith({ from: '2022-08-01' })) })
          .when(subGrantCommand)
          .thenThrows('sub-delegation-outside-parent-interval', 422));

      it('refuses to run open-ended past a parent that was revoked', () =>
        spec
          .given([], {
            bodies,
            parent: parentFrom(granted, {
              type: 'DelegationRevoked',
              data: { delegationId: grant.delegationId, effective: '2024-04-01', source },
            }),
          })
          .when(subGrantCommand)
          .thenThrows('sub-delegation-outside-parent-interval', 422));
    });
  });

  describe('VaryDelegation', () => {
    it('varies the terms from the effective date, recording only what changes', () =>
      spec
        .given([granted])
        .when(vary({ functions: ['primary-medical-services', 'dental-services'] }))
        .then([varied({ functions: ['primary-medical-services', 'dental-services'] })]));

    it('can make the delegation open-ended again (to: null)', () => {
      const withEnd = grantedWith({ to: '2025-04-01' });
      spec
        .given([withEnd])
        .when(vary({ to: null }))
        .then([varied({ to: null })]);
    });

    it('refuses an unknown delegation (404)', () =>
      spec
        .given([])
        .when(vary({ areas: ['wirral'] }))
        .thenThrows('unknown-reference', 404));

    it('refuses a variation that changes nothing', () => spec.given([granted]).when(vary({})).thenThrows('variation-changes-nothing', 422));

    it('refuses to vary to no functions or no areas', () => {
      spec
        .given([granted])
        .when(vary({ functions: [] }))
        .thenThrows('delegation-needs-functions', 422);
      spec
        .given([granted])
        .when(vary({ areas: [] }))
        .thenThrows('delegation-needs-areas', 422);
    });

    it('refuses a malformed effective date', () =>
      spec
        .given([granted])
        .when(vary({ effective: '2023-13-01', areas: ['wirral'] }))
        .thenThrows('civil-date', 422));

    it('refuses an effective date before the delegation began', () =>
      spec
        .given([granted])
        .when(vary({ effective: '2022-06-30', areas: ['wirral'] }))
        .thenThrows('outside-delegation-interval', 422));

    it('refuses an effective date on or after its end', () => {
      const withEnd = grantedWith({ to: '2023-04-01' });
      spec
        .given([withEnd])
        .when(vary({ effective: '2023-04-01', areas: ['wirral'] }))
        .thenThrows('outside-delegation-interval', 422);
    });

    it('refuses an effective date on or after its revocation', () =>
      spec
        .given([granted, { type: 'DelegationRevoked', data: { delegationId: grant.delegationId, effective: '2023-01-01', source } }])
        .when(vary({ areas: ['wirral'] }))
        .thenThrows('outside-delegation-interval', 422));

    it('varies retrospectively, before its revocation', () =>
      spec
        .given([granted, { type: 'DelegationRevoked', data: { delegationId: grant.delegationId, effective: '2024-01-01', source } }])
        .when(vary({ areas: ['wirral'] }))
        .then([varied({ areas: ['wirral'] })]));

    it('refuses a new end on or before the effective date (to <= from)', () =>
      spec
        .given([granted])
        .when(vary({ to: '2023-04-01' }))
        .thenThrows('interval-order', 422));

    it('refuses a new end that would leave a recorded variation outside the delegation (409)', () =>
      spec
        .given([granted, varied({ effective: '2024-04-01', areas: ['wirral'] })])
        .when(vary({ to: '2024-04-01' }))
        .thenThrows('ends-before-recorded-change', 409));

    it('refuses a new end before the recorded revocation (409)', () =>
      spec
        .given([granted, { type: 'DelegationRevoked', data: { delegationId: grant.delegationId, effective: '2024-01-01', source } }])
        .when(vary({ to: '2023-10-01' }))
        .thenThrows('ends-before-recorded-change', 409));

    describe('of a sub-delegation', () => {
      const subVary = (data: Parameters<typeof vary>[0]) => vary({ delegationId: subGrant.delegationId, ...data });

      it('narrows within the parent', () =>
        spec
          .given([subGranted], { parent: parentFrom(granted) })
          .when(subVary({ areas: ['eastern-cheshire'] }))
          .then([varied({ delegationId: subGrant.delegationId, areas: ['eastern-cheshire'] })]));

      it('refuses to widen beyond the parent', () =>
        spec
          .given([subGranted], { parent: parentFrom(granted) })
          .when(subVary({ areas: ['eastern-cheshire', 'west-cheshire'] }))
          .thenThrows('sub-delegation-exceeds-parent', 422));

      it('refuses to run past the parent’s end', () =>
        spec
          .given([grantedWith({ to: '2024-04-01' }, subGranted)], {
            parent: parentFrom(grantedWith({ to: '2025-04-01' })),
          })
          .when(subVary({ to: '2026-04-01' }))
          .thenThrows('sub-delegation-outside-parent-interval', 422));

      it('judges only from the effective date: an earlier stretch the parent has since narrowed does not block', () =>
        spec
          .given([subGranted], { parent: parentFrom(granted, varied({ effective: '2022-10-01', areas: ['eastern-cheshire'] })) })
          .when(subVary({ effective: '2023-04-01', areas: ['eastern-cheshire'] }))
          .then([varied({ delegationId: subGrant.delegationId, effective: '2023-04-01', areas: ['eastern-cheshire'] })]));
    });
  });

  describe('RevokeDelegation', () => {
    it('revokes from the effective date', () =>
      spec
        .given([granted])
        .when(revoke('2024-04-01'))
        .then([{ type: 'DelegationRevoked', data: { delegationId: grant.delegationId, effective: '2024-04-01', source } }]));

    it('refuses an unknown delegation (404)', () => spec.given([]).when(revoke('2024-04-01')).thenThrows('unknown-reference', 404));

    it('refuses to revoke twice (409)', () =>
      spec
        .given([granted, { type: 'DelegationRevoked', data: { delegationId: grant.delegationId, effective: '2024-04-01', source } }])
        .when(revoke('2024-01-01'))
        .thenThrows('already-revoked', 409));

    it('refuses a revocation before the delegation began', () =>
      spec.given([granted]).when(revoke('2022-01-01')).thenThrows('outside-delegation-interval', 422));

    it('refuses a revocation on or after the delegation’s end', () => {
      const withEnd = grantedWith({ to: '2024-04-01' });
      spec.given([withEnd]).when(revoke('2024-04-01')).thenThrows('outside-delegation-interval', 422);
    });

    it('refuses a revocation on the day it began (to <= from)', () =>
      spec.given([granted]).when(revoke('2022-07-01')).thenThrows('interval-order', 422));

    it('refuses a revocation before a recorded variation takes effect (409)', () =>
      spec
        .given([granted, varied({ effective: '2024-04-01', areas: ['wirral'] })])
        .when(revoke('2024-01-01'))
        .thenThrows('ends-before-recorded-change', 409));

    it('refuses a malformed date', () => spec.given([granted]).when(revoke('2024-4-1')).thenThrows('civil-date', 422));
  });
});
