import { deciderSpec } from '../../test/decider-spec';
import { BodyEvent } from '../bodies/body.events';
import { evolveBody } from '../bodies/body.decider';
import { EstablishedBody } from '../bodies/body.state';
import { ReorganisationCommand } from './reorganisation.commands';
import { reorganisationDecider } from './reorganisation.decider';
import { ReorganisationEvent } from './reorganisation.events';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const spec = deciderSpec(reorganisationDecider);

function body(bodyId: string, established: string, dissolved?: string, kind: 'ccg' | 'icb' = 'ccg'): EstablishedBody {
  const events: BodyEvent[] = [
    { type: 'BodyEstablished', data: { bodyId, kind, name: bodyId, areas: [], effective: established, source } },
  ];
  if (dissolved) events.push({ type: 'BodyDissolved', data: { bodyId, effective: dissolved, source } });
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const cheshireCcgs = ['nhs-eastern-cheshire-ccg', 'nhs-south-cheshire-ccg', 'nhs-vale-royal-ccg', 'nhs-west-cheshire-ccg'];
const bodies = new Map(
  [
    ...cheshireCcgs.map((bodyId) => body(bodyId, '2013-04-01', '2020-04-01')),
    body('nhs-cheshire-ccg', '2020-04-01', '2022-07-01'),
    body('nhs-wirral-ccg', '2013-04-01'),
    body('nhs-cheshire-and-merseyside-icb', '2022-07-01', undefined, 'icb'),
    body('nhs-halton-ccg', '2013-04-01', '2023-01-01'),
  ].map((known) => [known.bodyId, known]),
);

const merger = {
  reorganisationId: 'cheshire-ccgs-merger-2020',
  predecessorBodyIds: cheshireCcgs,
  successorBodyId: 'nhs-cheshire-ccg',
  legalDate: '2020-04-01',
  source,
};
type MergerData = Extract<ReorganisationCommand, { type: 'RecordMerger' }>['data'];
const recordMerger = (changes: Partial<MergerData> = {}): ReorganisationCommand => ({
  type: 'RecordMerger',
  data: { ...merger, ...changes },
});
const mergerRecorded: ReorganisationEvent = { type: 'MergerRecorded', data: { ...merger, grantedDelegations: 'carry-over' } };

const scheme = {
  reorganisationId: 'cheshire-and-merseyside-transfer-scheme-2022',
  abolishedBodyIds: ['nhs-cheshire-ccg', 'nhs-wirral-ccg'],
  receivingBodyId: 'nhs-cheshire-and-merseyside-icb',
  legalDate: '2022-07-01',
  liabilities: 'property, rights and liabilities of the abolished CCGs',
  source: { title: 'Health and Care Act 2022' },
};
type SchemeData = Extract<ReorganisationCommand, { type: 'RecordTransferScheme' }>['data'];
const recordScheme = (changes: Partial<SchemeData> = {}): ReorganisationCommand => ({
  type: 'RecordTransferScheme',
  data: { ...scheme, ...changes },
});

describe('reorganisation decider', () => {
  describe('RecordMerger', () => {
    it('records the merger of four CCGs as one event, carrying granted delegations over by default', () =>
      spec.given([], { bodies }).when(recordMerger()).then([mergerRecorded]));

    it('records that the predecessors’ granted delegations lapse when it says so', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ grantedDelegations: 'lapse' }))
        .then([{ type: 'MergerRecorded', data: { ...merger, grantedDelegations: 'lapse' } }]));

    it('refuses the same reorganisation twice (409)', () =>
      spec.given([mergerRecorded], { bodies }).when(recordMerger()).thenThrows('already-recorded', 409));

    it('refuses a malformed legal date', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ legalDate: '2020-04-31' }))
        .thenThrows('civil-date', 422));

    it('refuses a merger without predecessors', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ predecessorBodyIds: [] }))
        .thenThrows('merger-needs-predecessors', 422));

    it('refuses a predecessor named twice', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ predecessorBodyIds: ['nhs-vale-royal-ccg', 'nhs-vale-royal-ccg'] }))
        .thenThrows('duplicate-body', 422));

    it('refuses a body succeeding itself: a rename is not a succession', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ predecessorBodyIds: ['nhs-cheshire-ccg'] }))
        .thenThrows('rename-is-not-succession', 422));

    it('refuses a successor that is also one of several predecessors', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ predecessorBodyIds: ['nhs-vale-royal-ccg', 'nhs-cheshire-ccg'] }))
        .thenThrows('successor-among-predecessors', 422));

    it('refuses an unknown successor (404)', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ successorBodyId: 'nowhere' }))
        .thenThrows('unknown-reference', 404));

    it('refuses an unknown predecessor (404)', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ predecessorBodyIds: [...cheshireCcgs, 'nowhere'] }))
        .thenThrows('unknown-reference', 404));

    it('refuses a successor not established on the legal date', () =>
      spec
        .given([], { bodies })
        .when(recordMerger({ successorBodyId: 'nhs-wirral-ccg' }))
        .thenThrows('successor-not-established-on-legal-date', 422));

    it('accepts a predecessor whose recorded dissolution falls on the legal date', () =>
      spec
        .given([], { bodies })
        .when(
          recordMerger({
            predecessorBodyIds: ['nhs-cheshire-ccg'],
            successorBodyId: 'nhs-cheshire-and-merseyside-icb',
            legalDate: '2022-07-01',
            reorganisationId: 'x',
          }),
        )
        .then([
          {
            type: 'MergerRecorded',
            data: {
              ...merger,
              reorganisationId: 'x',
              predecessorBodyIds: ['nhs-cheshire-ccg'],
              successorBodyId: 'nhs-cheshire-and-merseyside-icb',
              legalDate: '2022-07-01',
              grantedDelegations: 'carry-over',
            },
          },
        ]));

    it('refuses a predecessor dissolved before the day before the legal date', () => {
      const late = body('nhs-late-successor', '2020-05-01');
      spec
        .given([], { bodies: new Map([...bodies, [late.bodyId, late]]) })
        .when(recordMerger({ successorBodyId: late.bodyId, legalDate: '2020-05-01' }))
        .thenThrows('predecessor-not-in-existence', 422);
    });

    it('refuses a predecessor established on the legal date', () => {
      const successor = body('nhs-new-ccg', '2013-04-01');
      spec
        .given([], { bodies: new Map([...bodies, [successor.bodyId, successor]]) })
        .when(recordMerger({ predecessorBodyIds: ['nhs-cheshire-ccg'], successorBodyId: successor.bodyId, legalDate: '2013-04-01' }))
        .thenThrows('predecessor-not-in-existence', 422);
    });

    it('refuses a predecessor recorded as dissolved after the legal date (409)', () =>
      spec
        .given([], { bodies })
        .when(
          recordMerger({
            predecessorBodyIds: ['nhs-halton-ccg'],
            successorBodyId: 'nhs-cheshire-and-merseyside-icb',
            legalDate: '2022-07-01',
          }),
        )
        .thenThrows('outlives-reorganisation', 409));
  });

  describe('RecordTransferScheme', () => {
    it('records a transfer of everything when functions and areas are left out', () =>
      spec
        .given([], { bodies })
        .when(recordScheme())
        .then([{ type: 'TransferSchemeRecorded', data: { ...scheme, functions: 'all', areas: 'all' } }]));

    it('records a transfer of named functions for named areas', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ functions: ['continuing-healthcare'], areas: ['wirral'] }))
        .then([{ type: 'TransferSchemeRecorded', data: { ...scheme, functions: ['continuing-healthcare'], areas: ['wirral'] } }]));

    it('refuses the same reorganisation twice (409)', () =>
      spec
        .given([{ type: 'TransferSchemeRecorded', data: { ...scheme, functions: 'all', areas: 'all' } }], { bodies })
        .when(recordScheme())
        .thenThrows('already-recorded', 409));

    it('refuses a scheme that abolishes no body', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: [] }))
        .thenThrows('transfer-scheme-needs-abolished-bodies', 422));

    it('refuses an abolished body named twice', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: ['nhs-wirral-ccg', 'nhs-wirral-ccg'] }))
        .thenThrows('duplicate-body', 422));

    it('refuses a receiving body that is itself abolished', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: ['nhs-wirral-ccg', 'nhs-cheshire-and-merseyside-icb'] }))
        .thenThrows('receiving-body-abolished', 422));

    it('refuses an empty list of functions or areas (leave it out to transfer all)', () => {
      spec
        .given([], { bodies })
        .when(recordScheme({ functions: [] }))
        .thenThrows('empty-transfer', 422);
      spec
        .given([], { bodies })
        .when(recordScheme({ areas: [] }))
        .thenThrows('empty-transfer', 422);
    });

    it('refuses an unknown receiving or abolished body (404)', () => {
      spec
        .given([], { bodies })
        .when(recordScheme({ receivingBodyId: 'nowhere' }))
        .thenThrows('unknown-reference', 404);
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: ['nowhere'] }))
        .thenThrows('unknown-reference', 404);
    });

    it('refuses a receiving body not in existence on the legal date', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ legalDate: '2022-06-01' }))
        .thenThrows('receiving-body-not-in-existence', 422));

    it('refuses an abolished body that did not exist the day before the legal date', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: ['nhs-vale-royal-ccg'] }))
        .thenThrows('abolished-body-not-in-existence', 422));

    it('refuses an abolished body recorded as dissolved after the legal date (409)', () =>
      spec
        .given([], { bodies })
        .when(recordScheme({ abolishedBodyIds: ['nhs-halton-ccg'] }))
        .thenThrows('outlives-reorganisation', 409));
  });
});
