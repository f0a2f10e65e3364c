import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * The real history of DOMAIN.md §6, imported from the seed file, questioned over HTTP. The expected
 * answers are the dates of DOMAIN.md, not whatever the ledger happens to say.
 */
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');

const CM_ICB = 'nhs-cheshire-and-merseyside-icb';
const BSW_ICB = 'nhs-bsw-icb';
const CHESHIRE_CCGS = ['nhs-eastern-cheshire-ccg', 'nhs-south-cheshire-ccg', 'nhs-vale-royal-ccg', 'nhs-west-cheshire-ccg'];
const BSW_CCGS = ['nhs-bath-and-north-east-somerset-ccg', 'nhs-swindon-ccg', 'nhs-wiltshire-ccg'];
const BALLOT_MEETING = 'cheshire-governing-bodies-2019-09';

interface Link {
  body: { id: string };
  basis: string;
  instrument: { kind: string } | null;
}
interface Interval {
  from: string;
  to: string | null;
  accountable: { id: string };
  exercisedBy: { id: string };
}
interface Succession {
  bodyId: string;
  legalDate: string;
  kind: string;
}

describe('the seeded real history', () => {
  let ledger: LedgerTestApp;
  let imported: { recorded: number; skipped: number };

  beforeAll(async () => {
    ledger = await startLedger();
    imported = await ledger.app.get(CommandImport).importText(seed);
    await ledger.settled();
  });
  afterAll(() => ledger.close());

  const get = async (path: string) => (await ledger.http().get(path).expect(200)).body;
  const authority = (fn: string, area: string, at: string) => get(`/authority?function=${fn}&area=${area}&at=${at}`);
  const ids = (bodies: { id: string }[]) => bodies.map((body) => body.id).sort();

  it('imports every line of the seed file', async () => {
    const lines = seed.split('\n');
    const commands = lines.filter((line) => line.trim() !== '');
    expect(imported).toEqual({ recorded: commands.length, skipped: lines.length - commands.length });
    expect((await ledger.head()).eventCount).toBeGreaterThanOrEqual(commands.length);
  });

  describe('who held authority, before and after each reorganisation', () => {
    it.each([
      // Vale Royal: CCG, then NHS Cheshire CCG by merger (exercised by its Cheshire West Place Committee), then the ICB.
      ['community-health-services', 'vale-royal', '2020-03-31', 'nhs-vale-royal-ccg', 'nhs-vale-royal-ccg', ['statutory']],
      [
        'community-health-services',
        'vale-royal',
        '2020-04-01',
        'nhs-cheshire-ccg',
        'nhs-cheshire-ccg-cheshire-west-place-committee',
        ['succession', 'delegation'],
      ],
      [
        'community-health-services',
        'vale-royal',
        '2022-06-30',
        'nhs-cheshire-ccg',
        'nhs-cheshire-ccg-cheshire-west-place-committee',
        ['succession', 'delegation'],
      ],
      ['community-health-services', 'vale-royal', '2022-07-01', CM_ICB, CM_ICB, ['transfer-scheme']],
      // A Merseyside CCG not in the 2020 merger goes straight to the ICB.
      ['community-health-services', 'knowsley', '2022-06-30', 'nhs-knowsley-ccg', 'nhs-knowsley-ccg', ['statutory']],
      ['community-health-services', 'knowsley', '2022-07-01', CM_ICB, CM_ICB, ['transfer-scheme']],
      // Primary medical services: NHS England until it delegated them to the ICB on 2022-07-01, and stays accountable.
      ['primary-medical-services', 'wirral', '2022-06-30', 'nhs-england', 'nhs-england', ['statutory']],
      ['primary-medical-services', 'wirral', '2022-07-01', 'nhs-england', CM_ICB, ['statutory', 'delegation']],
      // Dental services: delegated to the ICBs on 2023-04-01, not 2022.
      ['dental-services', 'wirral', '2022-07-01', 'nhs-england', 'nhs-england', ['statutory']],
      ['dental-services', 'wirral', '2023-03-31', 'nhs-england', 'nhs-england', ['statutory']],
      ['dental-services', 'wirral', '2023-04-01', 'nhs-england', CM_ICB, ['statutory', 'delegation']],
      ['pharmaceutical-services', 'south-sefton', '2023-04-01', 'nhs-england', CM_ICB, ['statutory', 'delegation']],
      // BSW: three CCGs, NHS BSW CCG by merger, NHS BSW ICB by transfer scheme.
      ['community-health-services', 'swindon', '2020-03-31', 'nhs-swindon-ccg', 'nhs-swindon-ccg', ['statutory']],
      ['community-health-services', 'swindon', '2020-04-01', 'nhs-bsw-ccg', 'nhs-bsw-ccg', ['succession']],
      ['community-health-services', 'swindon', '2022-07-01', BSW_ICB, BSW_ICB, ['transfer-scheme']],
      ['primary-medical-services', 'wiltshire', '2022-06-30', 'nhs-england', 'nhs-england', ['statutory']],
      ['primary-medical-services', 'wiltshire', '2022-07-01', 'nhs-england', BSW_ICB, ['statutory', 'delegation']],
      ['dental-services', 'bath-and-north-east-somerset', '2023-03-31', 'nhs-england', 'nhs-england', ['statutory']],
      ['dental-services', 'bath-and-north-east-somerset', '2023-04-01', 'nhs-england', BSW_ICB, ['statutory', 'delegation']],
      // Councils: Cheshire East from 2009; the Wirral Board exercised the council's adult social care under the section 75 agreement.
      ['adult-social-care', 'eastern-cheshire', '2010-06-01', 'cheshire-east-council', 'cheshire-east-council', ['statutory']],
      [
        'adult-social-care',
        'wirral',
        '2018-10-16',
        'wirral-council',
        'wirral-joint-strategic-commissioning-board',
        ['statutory', 'delegation'],
      ],
      ['adult-social-care', 'wirral', '2020-09-01', 'wirral-council', 'wirral-council', ['statutory']],
      // The Cheshire Joint Commissioning Committee exercised what each CCG delegated to it, until the merger.
      [
        'continuing-healthcare',
        'south-cheshire',
        '2018-01-01',
        'nhs-south-cheshire-ccg',
        'cheshire-joint-commissioning-committee',
        ['statutory', 'delegation'],
      ],
      ['continuing-healthcare', 'south-cheshire', '2020-04-01', 'nhs-cheshire-ccg', 'nhs-cheshire-ccg', ['succession']],
    ])('%s in %s on %s: accountable %s, exercised by %s', async (fn, area, at, accountable, exercisedBy, bases) => {
      const answer = await authority(fn, area, at);
      expect(answer.accountable?.id).toBe(accountable);
      expect(answer.exercisedBy?.id).toBe(exercisedBy);
      expect(answer.chain.map((link: Link) => link.basis)).toEqual(bases);
    });

    it('names the instruments: a delegation agreement from NHS England, the scheme of reservation and delegation for a Place Committee', async () => {
      const primaryCare = await authority('primary-medical-services', 'wirral', '2022-07-01');
      expect(primaryCare.exercisedBy).toMatchObject({ id: CM_ICB, odsCode: 'QYG' });
      expect(primaryCare.chain[1].instrument.kind).toBe('delegation-agreement');
      const place = await authority('community-health-services', 'vale-royal', '2021-06-01');
      expect(place.chain[1].instrument.kind).toBe('scheme-of-reservation-and-delegation');
    });

    it('answers no body for public health in a Cheshire area before councils took it on in 2013', async () => {
      expect(await authority('public-health', 'eastern-cheshire', '2012-06-01')).toMatchObject({
        accountable: null,
        exercisedBy: null,
        chain: [],
      });
      expect((await authority('public-health', 'eastern-cheshire', '2013-04-01')).accountable.id).toBe('cheshire-east-council');
    });
  });

  describe('a place', () => {
    it('answers Cheshire East per area before the merger and once after it', async () => {
      const perArea = (answer: { answers: { areas: string[]; accountable: { id: string }; exercisedBy: { id: string } }[] }) =>
        answer.answers.map((entry) => [entry.areas, entry.accountable.id, entry.exercisedBy.id]);
      expect(perArea(await authority('community-health-services', 'cheshire-east', '2019-06-01'))).toEqual([
        [['eastern-cheshire'], 'nhs-eastern-cheshire-ccg', 'nhs-eastern-cheshire-ccg'],
        [['south-cheshire'], 'nhs-south-cheshire-ccg', 'nhs-south-cheshire-ccg'],
      ]);
      expect(perArea(await authority('community-health-services', 'cheshire-east', '2021-06-01'))).toEqual([
        [['eastern-cheshire', 'south-cheshire'], 'nhs-cheshire-ccg', 'nhs-cheshire-ccg-cheshire-east-place-committee'],
      ]);
      expect(perArea(await authority('community-health-services', 'cheshire-east', '2022-07-01'))).toEqual([
        [['eastern-cheshire', 'south-cheshire'], CM_ICB, CM_ICB],
      ]);
    });
  });

  describe('timelines', () => {
    it('gives community health services in Eastern Cheshire three intervals: CCG, NHS Cheshire CCG, ICB', async () => {
      const timeline = await get('/authority/timeline?function=community-health-services&area=eastern-cheshire');
      expect(timeline.intervals.map((i: Interval) => [i.from, i.to, i.accountable.id])).toEqual([
        ['2013-04-01', '2020-04-01', 'nhs-eastern-cheshire-ccg'],
        ['2020-04-01', '2022-07-01', 'nhs-cheshire-ccg'],
        ['2022-07-01', null, CM_ICB],
      ]);
    });

    it('gives primary medical services in Wirral two intervals, NHS England accountable throughout', async () => {
      const timeline = await get('/authority/timeline?function=primary-medical-services&area=wirral');
      expect(timeline.intervals.map((i: Interval) => [i.from, i.to, i.accountable.id, i.exercisedBy.id])).toEqual([
        ['2013-04-01', '2022-07-01', 'nhs-england', 'nhs-england'],
        ['2022-07-01', null, 'nhs-england', CM_ICB],
      ]);
    });
  });

  describe('bodies and lineage', () => {
    it('shows NHS Cheshire CCG with four predecessors on 2020-04-01 and the ICB as successor on 2022-07-01', async () => {
      const body = await get('/bodies/nhs-cheshire-ccg');
      expect(body).toMatchObject({ kind: 'ccg', odsCode: '27D', established: '2020-04-01', dissolved: '2022-07-01' });
      expect(body.lineage.predecessors.map((link: Succession) => [link.bodyId, link.legalDate, link.kind]).sort()).toEqual(
        CHESHIRE_CCGS.map((id) => [id, '2020-04-01', 'merger']),
      );
      expect(body.lineage.successors.map((link: Succession) => [link.bodyId, link.legalDate, link.kind])).toEqual([
        [CM_ICB, '2022-07-01', 'transfer-scheme'],
      ]);
    });

    it('shows NHS BSW CCG (92G) succeeding 11E, 12D and 99N, and succeeded by NHS BSW ICB (QOX)', async () => {
      const body = await get('/bodies/nhs-bsw-ccg');
      expect(body).toMatchObject({ odsCode: '92G', established: '2020-04-01', dissolved: '2022-07-01' });
      expect(body.lineage.predecessors.map((link: Succession) => link.bodyId).sort()).toEqual(BSW_CCGS);
      expect(body.lineage.successors).toEqual([
        expect.objectContaining({ bodyId: BSW_ICB, legalDate: '2022-07-01', kind: 'transfer-scheme' }),
      ]);
      expect((await get(`/bodies/${BSW_ICB}`)).odsCode).toBe('QOX');
    });

    it('follows NHS Vale Royal CCG (02D) to NHS Cheshire CCG and on to the ICB', async () => {
      const body = await get('/bodies/nhs-vale-royal-ccg');
      expect(body).toMatchObject({ odsCode: '02D', established: '2013-04-01', dissolved: '2020-04-01' });
      expect(body.lineage.successors.map((link: Succession) => [link.bodyId, link.legalDate])).toEqual([
        ['nhs-cheshire-ccg', '2020-04-01'],
        [CM_ICB, '2022-07-01'],
      ]);
    });

    it.each([
      ['2013-03-31', 0],
      ['2013-04-01', 15],
      ['2020-03-31', 15],
      ['2020-04-01', 10],
      ['2022-06-30', 10],
      ['2022-07-01', 0],
    ])('counts the CCGs in existence on %s: %i', async (at, count) => {
      expect((await get(`/bodies?at=${at}&kind=ccg`)).bodies).toHaveLength(count);
    });

    it('lists the nine Cheshire and Merseyside CCGs abolished on 2022-07-01 and the two ICBs that replaced them', async () => {
      const merseyside = [
        'nhs-halton-ccg',
        'nhs-knowsley-ccg',
        'nhs-liverpool-ccg',
        'nhs-southport-and-formby-ccg',
        'nhs-south-sefton-ccg',
        'nhs-st-helens-ccg',
        'nhs-warrington-ccg',
        'nhs-wirral-ccg',
      ];
      expect(ids((await get('/bodies?at=2022-06-30&kind=ccg')).bodies)).toEqual(['nhs-bsw-ccg', 'nhs-cheshire-ccg', ...merseyside].sort());
      expect(ids((await get('/bodies?at=2022-07-01&kind=icb')).bodies)).toEqual([BSW_ICB, CM_ICB]);
      expect((await get('/bodies/nhs-wirral-ccg')).lineage.successors).toEqual([
        expect.objectContaining({ bodyId: CM_ICB, kind: 'transfer-scheme' }),
      ]);
    });

    it('seats the CCGs as voting members of the Cheshire Joint Commissioning Committee, the councils and Healthwatch without a vote', async () => {
      const committee = await get('/bodies/cheshire-joint-commissioning-committee');
      expect(committee).toMatchObject({ kind: 'joint-committee', established: '2017-09-01', dissolved: '2020-04-01' });
      const voting = committee.memberships
        .filter((m: { voting: boolean }) => m.voting)
        .map((m: { onBehalfOfBodyId: string }) => m.onBehalfOfBodyId);
      expect(voting.sort()).toEqual(CHESHIRE_CCGS);
      const nonVoting = committee.memberships
        .filter((m: { voting: boolean }) => !m.voting)
        .map((m: { membershipId: string }) => m.membershipId);
      expect(nonVoting.sort()).toEqual(['cjcc-cheshire-east-council', 'cjcc-cheshire-west-and-chester-council', 'cjcc-healthwatch']);
    });

    it('records Caring Together’s groups as bodies superseded on their dates, not as successions of authority', async () => {
      expect(await get('/bodies/caring-together-programme-management-group')).toMatchObject({
        dissolved: '2015-11-17',
        lineage: { predecessors: [], successors: [] },
      });
      expect(await get('/bodies/caring-together-programme-executive-group')).toMatchObject({
        established: '2015-11-17',
        lineage: { predecessors: [], successors: [] },
      });
      expect(await get('/bodies/caring-together-leadership-forum')).toMatchObject({ dissolved: '2015-12-15' });
      expect(await get('/bodies/caring-together-programme-board')).toMatchObject({
        established: '2015-12-15',
        parentBodyId: 'eastern-cheshire-caring-together',
      });
      expect((await get('/bodies/eastern-cheshire-caring-together/authority')).authority).toEqual([]);
    });
  });

  describe('the 2019 practice ballots', () => {
    const tallies: [string, number, number][] = [
      ['nhs-eastern-cheshire-ccg', 19, 1],
      ['nhs-south-cheshire-ccg', 13, 1],
      ['nhs-vale-royal-ccg', 7, 4],
      ['nhs-west-cheshire-ccg', 28, 4],
    ];

    it.each(tallies)('records %s’s governing body decision at Middlewich: %i–%i, carried, valid', async (ccgId, votesFor, against) => {
      const decision = await get(`/decisions/${BALLOT_MEETING}/merger-ballot-result/${ccgId}-governing-body`);
      expect(decision).toMatchObject({
        outcome: 'carried',
        counts: { for: votesFor, against, abstain: 0 },
        countsFrom: 'entered',
        meeting: { inCommon: true, location: 'Middlewich' },
        decidingBody: { id: `${ccgId}-governing-body`, kind: 'committee', parentBodyId: ccgId },
        quorum: { quorate: true },
        verdict: { valid: true },
      });
      expect(decision.meeting.bodies).toHaveLength(4);
    });

    it('lists one decision per governing body for the meeting in common, and the three BSW decisions', async () => {
      const september = await get('/decisions?from=2019-09-01&to=2019-10-01');
      const byBody = Object.fromEntries(
        september.decisions.map((d: { decidingBody: { id: string }; counts: { for: number; against: number } }) => [
          d.decidingBody.id,
          [d.counts.for, d.counts.against],
        ]),
      );
      expect(byBody).toEqual({
        ...Object.fromEntries(tallies.map(([ccgId, votesFor, against]) => [`${ccgId}-governing-body`, [votesFor, against]])),
        'nhs-bath-and-north-east-somerset-ccg-governing-body': [16, 2],
        'nhs-swindon-ccg-governing-body': [14, 2],
        'nhs-wiltshire-ccg-governing-body': [26, 13],
      });
      expect(
        september.decisions.every((d: { outcome: string; verdict: { valid: boolean } }) => d.outcome === 'carried' && d.verdict.valid),
      ).toBe(true);
    });

    it('lists exactly one decision for the Vale Royal governing body', async () => {
      const listed = await get('/decisions?body=nhs-vale-royal-ccg-governing-body');
      expect(listed.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([
        `${BALLOT_MEETING}/merger-ballot-result/nhs-vale-royal-ccg-governing-body`,
      ]);
    });
  });

  describe('Wirral', () => {
    it('shows the Joint Strategic Commissioning Board’s pooled fund decision called in and referred to full Council', async () => {
      const decision = await get('/decisions/wirral-jscb-2018-10-16/section-75-pooled-fund/wirral-joint-strategic-commissioning-board');
      expect(decision).toMatchObject({
        date: '2018-10-16',
        outcome: 'carried',
        callIn: { calledIn: '2018-10-23', status: 'referred-to-full-council', resultOn: '2018-12-01' },
        verdict: { valid: true },
      });
      const findings = Object.fromEntries(decision.verdict.findings.map((f: { rule: string; ok: boolean }) => [f.rule, f.ok]));
      expect(findings).toEqual({ authority: true, quorum: true, conflicts: true, 'call-in': true });
    });

    it('stands the executive group’s recommendation as approved by both bodies after one referral back and a revision', async () => {
      const recommendation = await get('/recommendations/wirral-pooled-fund-2021-22');
      expect(recommendation).toMatchObject({
        fromBody: { id: 'wirral-joint-health-and-care-commissioning-executive-group' },
        round: 2,
        status: 'approved',
      });
      expect(recommendation.rounds.map((round: { status: string }) => round.status)).toEqual(['referred-back', 'approved']);
      expect(recommendation.rounds[0].responses.map((r: { bodyId: string; response: string }) => [r.bodyId, r.response])).toEqual([
        ['nhs-wirral-ccg-governing-body', 'approved'],
        ['wirral-adult-social-care-and-health-committee', 'referred-back'],
      ]);
      expect(
        recommendation.bodies.map((b: { bodyId: string; response: { response: string; date: string } }) => [
          b.bodyId,
          b.response.response,
          b.response.date,
        ]),
      ).toEqual([
        ['wirral-adult-social-care-and-health-committee', 'approved', '2021-03-02'],
        ['nhs-wirral-ccg-governing-body', 'approved', '2021-02-09'],
      ]);
    });
  });
});
