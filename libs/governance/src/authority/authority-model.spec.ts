import {
  Authority,
  authorityAt,
  AuthoritySegment,
  authorityTimeline,
  bodyAuthority,
  BodyAuthorityEntry,
  bodyNameAt,
  bodyRefAt,
  buildAuthorityModel,
  isKnownFunction,
  knownBody,
} from './authority-model';
import { CHESHIRE_AREAS, cheshireHistory, FactLog } from './test/authority-facts';
import { isOrderedTimeline } from './timeline';

const ids = (authority: Authority) => [authority.accountable?.id ?? null, authority.exercisedBy?.id ?? null];
const bases = (authority: Authority) => authority.chain.map((link) => `${link.body.id}:${link.basis}`);
const spans = (timeline: readonly AuthoritySegment[]) =>
  timeline.map((segment) => [segment.from, segment.to, segment.accountable?.id, segment.exercisedBy?.id]);

/** The entries as intervals, having checked each cites the events it rests on. */
function withoutCitations(entries: BodyAuthorityEntry[]): Omit<BodyAuthorityEntry, 'citedEvents'>[] {
  return entries.map(({ citedEvents, ...entry }) => {
    expect(citedEvents.length).toBeGreaterThan(0);
    return entry;
  });
}

describe('authority model', () => {
  describe('a single body', () => {
    const log = new FactLog();
    log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
    const assigned = log.assign(
      'wirral-council',
      ['adult-social-care', 'public-health'],
      ['wirral'],
      '2013-04-01',
      null,
      'Health and Social Care Act 2012',
    );
    const model = buildAuthorityModel(log.facts);

    it('is accountable for and exercises what it holds by statute, from the assignment', () => {
      const authority = authorityAt(model, 'public-health', 'wirral', '2015-06-01');
      expect(authority).toEqual({
        accountable: { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', odsCode: null },
        exercisedBy: { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', odsCode: null },
        chain: [
          {
            body: { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', odsCode: null },
            basis: 'statutory',
            instrument: { kind: 'statute', reference: 'Health and Social Care Act 2012' },
            from: '2013-04-01',
            to: null,
            citedEvents: [assigned],
          },
        ],
      });
    });

    it('answers nobody before the assignment, for another area, or for a function it does not hold', () => {
      const nobody = { accountable: null, exercisedBy: null, chain: [] };
      expect(authorityAt(model, 'public-health', 'wirral', '2013-03-31')).toEqual(nobody);
      expect(authorityAt(model, 'public-health', 'liverpool', '2015-06-01')).toEqual(nobody);
      expect(authorityAt(model, 'childrens-services', 'wirral', '2015-06-01')).toEqual(nobody);
      expect(authorityAt(model, 'not-a-function', 'wirral', '2015-06-01')).toEqual(nobody);
    });

    it('gives one open segment over all time, and nothing for a pair nobody held', () => {
      expect(spans(authorityTimeline(model, 'adult-social-care', 'wirral'))).toEqual([
        ['2013-04-01', null, 'wirral-council', 'wirral-council'],
      ]);
      expect(authorityTimeline(model, 'adult-social-care', 'halton')).toEqual([]);
    });

    it('ends its holdings when it is dissolved, and at the end of a holding assigned for an interval', () => {
      const dissolved = new FactLog();
      dissolved.establish('halton-ccg', 'ccg', 'NHS Halton CCG', '2013-04-01', '01F');
      dissolved.assign('halton-ccg', ['continuing-healthcare'], ['halton'], '2013-04-01');
      dissolved.assign('halton-ccg', ['intermediate-care'], ['halton'], '2014-04-01', '2016-04-01');
      dissolved.dissolve('halton-ccg', '2022-07-01');
      const ended = buildAuthorityModel(dissolved.facts);
      expect(spans(authorityTimeline(ended, 'continuing-healthcare', 'halton'))).toEqual([
        ['2013-04-01', '2022-07-01', 'halton-ccg', 'halton-ccg'],
      ]);
      expect(spans(authorityTimeline(ended, 'intermediate-care', 'halton'))).toEqual([
        ['2014-04-01', '2016-04-01', 'halton-ccg', 'halton-ccg'],
      ]);
      expect(authorityAt(ended, 'continuing-healthcare', 'halton', '2022-07-01').accountable).toBeNull();
    });

    it('keeps a timeline once worked out, so repeated queries do not work it out again', () => {
      expect(authorityTimeline(model, 'public-health', 'wirral')).toBe(authorityTimeline(model, 'public-health', 'wirral'));
    });
  });

  describe('the Cheshire history (DOMAIN.md §6)', () => {
    const { log, ids: events } = cheshireHistory();
    const model = buildAuthorityModel(log.facts);

    it('passes community health services for Vale Royal from the CCG, by merger and then by the transfer scheme', () => {
      const timeline = authorityTimeline(model, 'community-health-services', 'vale-royal');
      expect(spans(timeline)).toEqual([
        ['2013-04-01', '2020-04-01', 'vale-royal-ccg', 'vale-royal-ccg'],
        ['2020-04-01', '2022-07-01', 'nhs-cheshire-ccg', 'nhs-cheshire-ccg'],
        ['2022-07-01', null, 'cheshire-and-merseyside-icb', 'cheshire-and-merseyside-icb'],
      ]);
      const assigned = events.ccgs['vale-royal-ccg'].assigned;
      expect(timeline.map((segment) => segment.chain)).toEqual([
        [
          {
            body: { id: 'vale-royal-ccg', name: 'NHS Vale Royal CCG', kind: 'ccg', odsCode: '02D' },
            basis: 'statutory',
            instrument: { kind: 'statute', reference: 'National Health Service Act 2006' },
            from: '2013-04-01',
            to: '2020-04-01',
            citedEvents: [assigned],
          },
        ],
        [
          {
            body: { id: 'nhs-cheshire-ccg', name: 'NHS Cheshire CCG', kind: 'ccg', odsCode: '27D' },
            basis: 'succession',
            instrument: { kind: 'statute', reference: 'National Health Service Act 2006' },
            from: '2020-04-01',
            to: '2022-07-01',
            citedEvents: [assigned, events.merger],
          },
        ],
        [
          {
            body: { id: 'cheshire-and-merseyside-icb', name: 'NHS Cheshire and Merseyside ICB', kind: 'icb', odsCode: 'QYG' },
            basis: 'transfer-scheme',
            instrument: { kind: 'transfer-scheme', reference: 'NHS England transfer scheme 2022' },
            from: '2022-07-01',
            to: null,
            citedEvents: [assigned, events.merger, events.transfer],
          },
        ],
      ]);
    });

    it('answers each of the four Cheshire areas with its own predecessor CCG', () => {
      expect(CHESHIRE_AREAS.map((area) => authorityAt(model, 'acute-hospital-services', area, '2019-01-01').accountable?.odsCode)).toEqual([
        '01C',
        '01R',
        '02D',
        '02F',
      ]);
      expect(
        new Set(CHESHIRE_AREAS.map((area) => authorityAt(model, 'acute-hospital-services', area, '2021-01-01').accountable?.id)),
      ).toEqual(new Set(['nhs-cheshire-ccg']));
    });

    it('shows NHS England accountable and the ICB exercising primary medical services from July 2022', () => {
      const authority = authorityAt(model, 'primary-medical-services', 'eastern-cheshire', '2022-08-01');
      expect(ids(authority)).toEqual(['nhs-england', 'cheshire-and-merseyside-icb']);
      expect(authority.chain).toEqual([
        {
          body: { id: 'nhs-england', name: 'NHS England', kind: 'nhs-england', odsCode: null },
          basis: 'statutory',
          instrument: { kind: 'statute', reference: 'National Health Service Act 2006' },
          from: '2013-04-01',
          to: null,
          citedEvents: [events.nhsEnglandPrimaryCare],
        },
        {
          body: { id: 'cheshire-and-merseyside-icb', name: 'NHS Cheshire and Merseyside ICB', kind: 'icb', odsCode: 'QYG' },
          basis: 'delegation',
          instrument: { kind: 'delegation-agreement', reference: 'nhse-to-cm-icb-primary-medical agreement' },
          from: '2022-07-01',
          to: null,
          citedEvents: [events.primaryMedical],
        },
      ]);
      expect(ids(authorityAt(model, 'primary-medical-services', 'eastern-cheshire', '2022-06-30'))).toEqual(['nhs-england', 'nhs-england']);
      expect(spans(authorityTimeline(model, 'primary-medical-services', 'vale-royal'))).toEqual([
        ['2013-04-01', '2022-07-01', 'nhs-england', 'nhs-england'],
        ['2022-07-01', null, 'nhs-england', 'cheshire-and-merseyside-icb'],
      ]);
    });

    it('delegates pharmaceutical, ophthalmic and dental services from April 2023, in Cheshire only', () => {
      for (const fn of ['pharmaceutical-services', 'general-ophthalmic-services', 'dental-services']) {
        expect(ids(authorityAt(model, fn, 'west-cheshire', '2023-03-31'))).toEqual(['nhs-england', 'nhs-england']);
        expect(ids(authorityAt(model, fn, 'west-cheshire', '2023-04-01'))).toEqual(['nhs-england', 'cheshire-and-merseyside-icb']);
        expect(ids(authorityAt(model, fn, 'wirral', '2023-04-01'))).toEqual(['nhs-england', 'nhs-england']);
      }
      expect(authorityAt(model, 'dental-services', 'south-cheshire', '2023-04-01').chain[1].citedEvents).toEqual([events.primaryCare2023]);
    });

    it('lists what each body was accountable for and exercised', () => {
      const cited = bodyAuthority(model, 'cheshire-and-merseyside-icb');
      // Each entry cites the events of the chains it rests on: the transfer scheme for what the ICB received.
      expect(cited.find((entry) => entry.function === 'community-health-services')?.citedEvents).toContain(events.transfer);
      const icb = withoutCitations(cited);
      const open = [{ from: '2022-07-01', to: null }];
      expect(icb.filter((entry) => entry.area === 'vale-royal')).toEqual([
        { function: 'acute-hospital-services', area: 'vale-royal', role: 'accountable', intervals: open },
        { function: 'acute-hospital-services', area: 'vale-royal', role: 'exercised', intervals: open },
        { function: 'community-health-services', area: 'vale-royal', role: 'accountable', intervals: open },
        { function: 'community-health-services', area: 'vale-royal', role: 'exercised', intervals: open },
        { function: 'dental-services', area: 'vale-royal', role: 'exercised', intervals: [{ from: '2023-04-01', to: null }] },
        { function: 'general-ophthalmic-services', area: 'vale-royal', role: 'exercised', intervals: [{ from: '2023-04-01', to: null }] },
        { function: 'pharmaceutical-services', area: 'vale-royal', role: 'exercised', intervals: [{ from: '2023-04-01', to: null }] },
        { function: 'primary-medical-services', area: 'vale-royal', role: 'exercised', intervals: open },
      ]);
      expect(icb.filter((entry) => entry.function === 'dental-services').map((entry) => [entry.area, entry.role, entry.intervals])).toEqual(
        CHESHIRE_AREAS.sort().map((area) => [area, 'exercised', [{ from: '2023-04-01', to: null }]]),
      );
      const nhsEngland = withoutCitations(bodyAuthority(model, 'nhs-england')).filter(
        (entry) =>
          (entry.function === 'dental-services' && entry.area === 'wirral') ||
          (entry.function === 'primary-medical-services' && entry.area === 'vale-royal'),
      );
      expect(nhsEngland).toEqual([
        { function: 'dental-services', area: 'wirral', role: 'accountable', intervals: [{ from: '2013-04-01', to: null }] },
        { function: 'dental-services', area: 'wirral', role: 'exercised', intervals: [{ from: '2013-04-01', to: null }] },
        { function: 'primary-medical-services', area: 'vale-royal', role: 'accountable', intervals: [{ from: '2013-04-01', to: null }] },
        {
          function: 'primary-medical-services',
          area: 'vale-royal',
          role: 'exercised',
          intervals: [{ from: '2013-04-01', to: '2022-07-01' }],
        },
      ]);
      expect(withoutCitations(bodyAuthority(model, 'vale-royal-ccg'))).toEqual([
        {
          function: 'acute-hospital-services',
          area: 'vale-royal',
          role: 'accountable',
          intervals: [{ from: '2013-04-01', to: '2020-04-01' }],
        },
        {
          function: 'acute-hospital-services',
          area: 'vale-royal',
          role: 'exercised',
          intervals: [{ from: '2013-04-01', to: '2020-04-01' }],
        },
        {
          function: 'community-health-services',
          area: 'vale-royal',
          role: 'accountable',
          intervals: [{ from: '2013-04-01', to: '2020-04-01' }],
        },
        {
          function: 'community-health-services',
          area: 'vale-royal',
          role: 'exercised',
          intervals: [{ from: '2013-04-01', to: '2020-04-01' }],
        },
      ]);
      expect(bodyAuthority(model, 'no-such-body')).toEqual([]);
    });

    it('gives ordered timelines for every pair', () => {
      for (const area of [...CHESHIRE_AREAS, 'wirral']) {
        for (const fn of ['primary-medical-services', 'dental-services', 'community-health-services', 'acute-hospital-services']) {
          expect(isOrderedTimeline(authorityTimeline(model, fn, area))).toBe(true);
        }
      }
    });
  });

  describe('rename is not succession', () => {
    const { log, ids: events } = cheshireHistory();
    const renamed = log.rename('nhs-cheshire-ccg', 'NHS Cheshire Clinical Commissioning Group', '2021-04-01');
    const model = buildAuthorityModel(log.facts);

    it('shows the name as it was on the date asked about, the body unchanged', () => {
      const before = authorityAt(model, 'community-health-services', 'vale-royal', '2021-03-31');
      const after = authorityAt(model, 'community-health-services', 'vale-royal', '2021-04-01');
      expect(before.accountable).toEqual({ id: 'nhs-cheshire-ccg', name: 'NHS Cheshire CCG', kind: 'ccg', odsCode: '27D' });
      expect(after.accountable).toEqual({
        id: 'nhs-cheshire-ccg',
        name: 'NHS Cheshire Clinical Commissioning Group',
        kind: 'ccg',
        odsCode: '27D',
      });
      expect(after.chain[0]).toMatchObject({
        basis: 'succession',
        from: '2020-04-01',
        to: '2022-07-01',
        citedEvents: [events.ccgs['vale-royal-ccg'].assigned, events.merger],
      });
      expect(after.chain[0].citedEvents).not.toContain(renamed);
    });

    it('splits the timeline at the rename so each segment carries the name it bore', () => {
      const timeline = authorityTimeline(model, 'community-health-services', 'vale-royal');
      expect(timeline.map((segment) => [segment.from, segment.to, segment.accountable?.id, segment.accountable?.name])).toEqual([
        ['2013-04-01', '2020-04-01', 'vale-royal-ccg', 'NHS Vale Royal CCG'],
        ['2020-04-01', '2021-04-01', 'nhs-cheshire-ccg', 'NHS Cheshire CCG'],
        ['2021-04-01', '2022-07-01', 'nhs-cheshire-ccg', 'NHS Cheshire Clinical Commissioning Group'],
        ['2022-07-01', null, 'cheshire-and-merseyside-icb', 'NHS Cheshire and Merseyside ICB'],
      ]);
    });

    it('tells the name on a date and the names over time', () => {
      expect(bodyNameAt(model, 'nhs-cheshire-ccg', '2020-04-01')).toBe('NHS Cheshire CCG');
      expect(bodyNameAt(model, 'nhs-cheshire-ccg', '2022-01-01')).toBe('NHS Cheshire Clinical Commissioning Group');
      expect(bodyNameAt(model, 'no-such-body', '2022-01-01')).toBeUndefined();
      expect(bodyRefAt(model, 'vale-royal-ccg', '2015-01-01')).toEqual({
        id: 'vale-royal-ccg',
        name: 'NHS Vale Royal CCG',
        kind: 'ccg',
        odsCode: '02D',
      });
      expect(knownBody(model, 'nhs-cheshire-ccg')).toEqual({
        id: 'nhs-cheshire-ccg',
        kind: 'ccg',
        odsCode: '27D',
        established: '2020-04-01',
        ended: '2022-07-01',
        names: [
          { from: '2020-04-01', to: '2021-04-01', value: 'NHS Cheshire CCG' },
          { from: '2021-04-01', to: null, value: 'NHS Cheshire Clinical Commissioning Group' },
        ],
      });
      expect(knownBody(model, 'vale-royal-ccg')?.ended).toBe('2020-04-01');
      expect(knownBody(model, 'no-such-body')).toBeUndefined();
    });

    it('slots a retrospective rename recorded later in by its effective date', () => {
      log.rename('nhs-cheshire-ccg', 'NHS Cheshire CCG (shadow)', '2020-10-01');
      const later = buildAuthorityModel(log.facts);
      expect(['2020-09-30', '2020-10-01', '2021-04-01'].map((at) => bodyNameAt(later, 'nhs-cheshire-ccg', at))).toEqual([
        'NHS Cheshire CCG',
        'NHS Cheshire CCG (shadow)',
        'NHS Cheshire Clinical Commissioning Group',
      ]);
      expect(bodyNameAt(model, 'nhs-cheshire-ccg', '2020-10-01')).toBe('NHS Cheshire CCG');
    });
  });

  describe('merger and the delegations of the predecessors', () => {
    function history(grantedDelegations: 'carry-over' | 'lapse') {
      const log = new FactLog();
      log.establish('nhs-england', 'nhs-england', 'NHS England', '2013-04-01');
      log.assign('nhs-england', ['primary-medical-services'], ['vale-royal', 'west-cheshire'], '2013-04-01');
      for (const [bodyId, area] of [
        ['vale-royal-ccg', 'vale-royal'],
        ['west-cheshire-ccg', 'west-cheshire'],
      ]) {
        log.establish(bodyId, 'ccg', bodyId, '2013-04-01');
        log.assign(bodyId, ['community-health-services'], [area], '2013-04-01');
      }
      log.establish('vale-royal-committee', 'committee', 'Vale Royal Locality Committee', '2015-01-01');
      const granted = log.grant({
        delegationId: 'vale-royal-locality',
        delegator: 'vale-royal-ccg',
        delegate: 'vale-royal-committee',
        functions: ['community-health-services'],
        areas: ['vale-royal'],
        from: '2015-01-01',
        instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'Vale Royal CCG SoRD' },
      });
      const received = log.grant({
        delegationId: 'co-commissioning-west-cheshire',
        delegator: 'nhs-england',
        delegate: 'west-cheshire-ccg',
        functions: ['primary-medical-services'],
        areas: ['west-cheshire'],
        from: '2015-04-01',
      });
      log.establish('nhs-cheshire-ccg', 'ccg', 'NHS Cheshire CCG', '2020-04-01', '27D');
      const merger = log.merge('merger', ['vale-royal-ccg', 'west-cheshire-ccg'], 'nhs-cheshire-ccg', '2020-04-01', grantedDelegations);
      return { model: buildAuthorityModel(log.facts), granted, received, merger };
    }

    it('carries granted delegations over with the successor as delegator', () => {
      const { model, granted, merger } = history('carry-over');
      expect(ids(authorityAt(model, 'community-health-services', 'vale-royal', '2019-01-01'))).toEqual([
        'vale-royal-ccg',
        'vale-royal-committee',
      ]);
      const after = authorityAt(model, 'community-health-services', 'vale-royal', '2021-01-01');
      expect(ids(after)).toEqual(['nhs-cheshire-ccg', 'vale-royal-committee']);
      expect(bases(after)).toEqual(['nhs-cheshire-ccg:succession', 'vale-royal-committee:delegation']);
      expect(after.chain[1]).toMatchObject({ from: '2020-04-01', to: null, citedEvents: [granted, merger] });
      expect(spans(authorityTimeline(model, 'community-health-services', 'vale-royal'))).toEqual([
        ['2013-04-01', '2015-01-01', 'vale-royal-ccg', 'vale-royal-ccg'],
        ['2015-01-01', '2020-04-01', 'vale-royal-ccg', 'vale-royal-committee'],
        ['2020-04-01', null, 'nhs-cheshire-ccg', 'vale-royal-committee'],
      ]);
    });

    it('ends granted delegations at the legal date when the merger says they lapse', () => {
      const { model } = history('lapse');
      expect(ids(authorityAt(model, 'community-health-services', 'vale-royal', '2019-01-01'))).toEqual([
        'vale-royal-ccg',
        'vale-royal-committee',
      ]);
      expect(ids(authorityAt(model, 'community-health-services', 'vale-royal', '2020-04-01'))).toEqual([
        'nhs-cheshire-ccg',
        'nhs-cheshire-ccg',
      ]);
      expect(withoutCitations(bodyAuthority(model, 'vale-royal-committee'))).toEqual([
        {
          function: 'community-health-services',
          area: 'vale-royal',
          role: 'exercised',
          intervals: [{ from: '2015-01-01', to: '2020-04-01' }],
        },
      ]);
    });

    it('makes the successor the delegate of delegations a predecessor received, lapse or not', () => {
      for (const grantedDelegations of ['carry-over', 'lapse'] as const) {
        const { model, received, merger } = history(grantedDelegations);
        expect(ids(authorityAt(model, 'primary-medical-services', 'west-cheshire', '2016-01-01'))).toEqual([
          'nhs-england',
          'west-cheshire-ccg',
        ]);
        const after = authorityAt(model, 'primary-medical-services', 'west-cheshire', '2021-01-01');
        expect(ids(after)).toEqual(['nhs-england', 'nhs-cheshire-ccg']);
        expect(after.chain[1]).toMatchObject({ basis: 'delegation', from: '2020-04-01', to: null, citedEvents: [received, merger] });
        expect(ids(authorityAt(model, 'primary-medical-services', 'vale-royal', '2021-01-01'))).toEqual(['nhs-england', 'nhs-england']);
      }
    });
  });

  describe('the 2022 transfer scheme', () => {
    it('passes only the functions and areas it names; the rest ends with the abolished body', () => {
      const log = new FactLog();
      log.establish('halton-ccg', 'ccg', 'NHS Halton CCG', '2013-04-01', '01F');
      log.assign('halton-ccg', ['community-health-services', 'continuing-healthcare'], ['halton'], '2013-04-01');
      log.establish('icb', 'icb', 'NHS Cheshire and Merseyside ICB', '2022-07-01', 'QYG');
      const transfer = log.transfer('transfer', ['halton-ccg'], 'icb', '2022-07-01', { functions: ['community-health-services'] });
      const model = buildAuthorityModel(log.facts);
      const passed = authorityAt(model, 'community-health-services', 'halton', '2022-07-01');
      expect(bases(passed)).toEqual(['icb:transfer-scheme']);
      expect(passed.chain[0].citedEvents).toContain(transfer);
      expect(spans(authorityTimeline(model, 'continuing-healthcare', 'halton'))).toEqual([
        ['2013-04-01', '2022-07-01', 'halton-ccg', 'halton-ccg'],
      ]);
    });

    it('moves delegations the abolished body granted and received to the receiving body', () => {
      const log = new FactLog();
      log.establish('nhs-england', 'nhs-england', 'NHS England', '2013-04-01');
      log.assign('nhs-england', ['primary-medical-services'], ['wirral'], '2013-04-01');
      log.establish('wirral-ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01', '12F');
      log.assign('wirral-ccg', ['continuing-healthcare'], ['wirral'], '2013-04-01');
      log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
      log.grant({
        delegationId: 'co-commissioning',
        delegator: 'nhs-england',
        delegate: 'wirral-ccg',
        functions: ['primary-medical-services'],
        areas: ['wirral'],
        from: '2015-04-01',
      });
      log.grant({
        delegationId: 'section-75',
        delegator: 'wirral-ccg',
        delegate: 'wirral-council',
        functions: ['continuing-healthcare'],
        areas: ['wirral'],
        from: '2018-04-01',
        instrument: { kind: 'section-75-agreement', reference: 'Wirral pooled fund' },
      });
      log.establish('icb', 'icb', 'NHS Cheshire and Merseyside ICB', '2022-07-01', 'QYG');
      log.transfer('transfer', ['wirral-ccg'], 'icb', '2022-07-01');
      const model = buildAuthorityModel(log.facts);
      expect(bases(authorityAt(model, 'continuing-healthcare', 'wirral', '2023-01-01'))).toEqual([
        'icb:transfer-scheme',
        'wirral-council:delegation',
      ]);
      expect(ids(authorityAt(model, 'primary-medical-services', 'wirral', '2023-01-01'))).toEqual(['nhs-england', 'icb']);
    });
  });

  describe('variation and revocation', () => {
    function history() {
      const { log } = cheshireHistory();
      const varied = log.vary('nhse-to-cm-icb-primary-medical', '2023-01-01', {
        areas: ['eastern-cheshire', 'south-cheshire', 'west-cheshire'],
      });
      return { log, varied };
    }

    it('applies a variation from its effective date', () => {
      const { log, varied } = history();
      const model = buildAuthorityModel(log.facts);
      expect(spans(authorityTimeline(model, 'primary-medical-services', 'vale-royal'))).toEqual([
        ['2013-04-01', '2022-07-01', 'nhs-england', 'nhs-england'],
        ['2022-07-01', '2023-01-01', 'nhs-england', 'cheshire-and-merseyside-icb'],
        ['2023-01-01', null, 'nhs-england', 'nhs-england'],
      ]);
      const westCheshire = authorityTimeline(model, 'primary-medical-services', 'west-cheshire');
      expect(spans(westCheshire)).toEqual([
        ['2013-04-01', '2022-07-01', 'nhs-england', 'nhs-england'],
        ['2022-07-01', '2023-01-01', 'nhs-england', 'cheshire-and-merseyside-icb'],
        ['2023-01-01', null, 'nhs-england', 'cheshire-and-merseyside-icb'],
      ]);
      expect(westCheshire[2].chain[1].citedEvents).toContain(varied);
      expect(westCheshire[2].chain[1]).toMatchObject({ from: '2022-07-01', to: null });
    });

    it('ends a delegation at its revocation, and a retrospective revocation changes only later answers', () => {
      const { log } = history();
      const before = log.head;
      const revoked = log.revoke('nhse-to-cm-icb-primary-medical', '2024-04-01');
      const asKnownBefore = buildAuthorityModel(log.knownAt(before));
      const asKnownAfter = buildAuthorityModel(log.knownAt(log.head));
      expect(ids(authorityAt(asKnownBefore, 'primary-medical-services', 'west-cheshire', '2024-06-01'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
      expect(ids(authorityAt(asKnownAfter, 'primary-medical-services', 'west-cheshire', '2024-06-01'))).toEqual([
        'nhs-england',
        'nhs-england',
      ]);
      expect(ids(authorityAt(asKnownAfter, 'primary-medical-services', 'west-cheshire', '2024-03-31'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
      const link = authorityAt(asKnownAfter, 'primary-medical-services', 'west-cheshire', '2024-03-31').chain[1];
      expect(link).toMatchObject({ from: '2022-07-01', to: '2024-04-01' });
      expect(link.citedEvents).toContain(revoked);
      expect(authorityAt(asKnownBefore, 'primary-medical-services', 'west-cheshire', '2024-03-31').chain[1].to).toBeNull();
    });
  });

  describe('sub-delegation', () => {
    function history(subDelegationAllowed: boolean) {
      const { log } = cheshireHistory();
      log.establish('cheshire-east-place', 'committee', 'Cheshire East Place Committee', '2022-07-01');
      log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
      log.grant({
        delegationId: 'icb-1',
        delegator: 'nhs-england',
        delegate: 'cheshire-and-merseyside-icb',
        functions: ['general-ophthalmic-services'],
        areas: ['eastern-cheshire'],
        from: '2022-07-01',
        subDelegationAllowed,
      });
      const sub = log.grant({
        delegationId: 'icb-to-place',
        delegator: 'cheshire-and-merseyside-icb',
        delegate: 'cheshire-east-place',
        functions: ['general-ophthalmic-services'],
        areas: ['eastern-cheshire'],
        from: '2022-10-01',
        instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'ICB SoRD' },
        parentDelegationId: 'icb-1',
      });
      return { log, sub };
    }

    it('continues the chain where the parent delegation allows sub-delegation', () => {
      const { log, sub } = history(true);
      const model = buildAuthorityModel(log.facts);
      const authority = authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2022-11-01');
      expect(bases(authority)).toEqual([
        'nhs-england:statutory',
        'cheshire-and-merseyside-icb:delegation',
        'cheshire-east-place:sub-delegation',
      ]);
      expect(authority.exercisedBy?.name).toBe('Cheshire East Place Committee');
      expect(authority.chain[2]).toMatchObject({
        instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'ICB SoRD' },
        from: '2022-10-01',
        to: null,
        citedEvents: [sub],
      });
      expect(ids(authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2022-09-30'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
    });

    it('stops the chain at the delegate where sub-delegation is not allowed', () => {
      const { log } = history(false);
      const model = buildAuthorityModel(log.facts);
      expect(bases(authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2022-11-01'))).toEqual([
        'nhs-england:statutory',
        'cheshire-and-merseyside-icb:delegation',
      ]);
    });

    it('stops the chain from the date a variation withdraws the permission to sub-delegate', () => {
      const { log } = history(true);
      log.vary('icb-1', '2023-01-01', { subDelegationAllowed: false });
      const model = buildAuthorityModel(log.facts);
      expect(ids(authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2022-12-31'))).toEqual([
        'nhs-england',
        'cheshire-east-place',
      ]);
      expect(ids(authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2023-01-01'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
    });

    it('lets the named parent decide, whichever delegation the chain shows for the sub-delegator, while the parent covers the area', () => {
      const { log } = history(true);
      const model = buildAuthorityModel(log.facts);
      // From 2023-04-01 the ICB also holds ophthalmic services by the later, non-sub-delegable 2023 delegation.
      const authority = authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2023-07-01');
      expect(bases(authority)).toEqual([
        'nhs-england:statutory',
        'cheshire-and-merseyside-icb:delegation',
        'cheshire-east-place:sub-delegation',
      ]);
      expect(authority.chain[1].instrument?.reference).toBe('nhse-to-cm-icb-pod agreement');

      log.vary('icb-1', '2023-01-01', { areas: ['south-cheshire'] });
      const varied = buildAuthorityModel(log.facts);
      expect(ids(authorityAt(varied, 'general-ophthalmic-services', 'eastern-cheshire', '2023-02-01'))).toEqual([
        'nhs-england',
        'nhs-england',
      ]);
      expect(ids(authorityAt(varied, 'general-ophthalmic-services', 'eastern-cheshire', '2023-07-01'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
    });

    it('treats a delegation by a body holding only by delegation as a sub-delegation, even without a parent named', () => {
      for (const allowed of [true, false]) {
        const { log } = history(allowed);
        log.grant({
          delegationId: 'unnamed-parent',
          delegator: 'cheshire-and-merseyside-icb',
          delegate: 'wirral-council',
          functions: ['general-ophthalmic-services'],
          areas: ['eastern-cheshire'],
          from: '2022-11-01',
        });
        const model = buildAuthorityModel(log.facts);
        const exercisedBy = authorityAt(model, 'general-ophthalmic-services', 'eastern-cheshire', '2022-12-01').exercisedBy?.id;
        expect(exercisedBy).toBe(allowed ? 'wirral-council' : 'cheshire-and-merseyside-icb');
      }
    });
  });

  describe('which delegations count', () => {
    it('ignores a delegation of what its delegator did not hold on the date', () => {
      const log = new FactLog();
      log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
      log.assign('wirral-council', ['public-health'], ['wirral'], '2013-04-01');
      log.establish('wirral-ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01');
      log.grant({
        delegationId: 'not-held',
        delegator: 'wirral-ccg',
        delegate: 'wirral-council',
        functions: ['public-health'],
        areas: ['wirral'],
        from: '2014-01-01',
      });
      log.grant({
        delegationId: 'too-early',
        delegator: 'wirral-council',
        delegate: 'wirral-ccg',
        functions: ['public-health'],
        areas: ['wirral'],
        from: '2012-01-01',
        to: '2014-01-01',
      });
      const model = buildAuthorityModel(log.facts);
      expect(spans(authorityTimeline(model, 'public-health', 'wirral'))).toEqual([
        ['2013-04-01', '2014-01-01', 'wirral-council', 'wirral-ccg'],
        ['2014-01-01', null, 'wirral-council', 'wirral-council'],
      ]);
    });

    it('chooses among delegations from the same body by latest from, then latest recorded', () => {
      const { log } = cheshireHistory();
      log.establish('cheshire-east-council', 'local-authority', 'Cheshire East Council', '2009-04-01');
      log.establish('healthwatch', 'healthwatch', 'Healthwatch Cheshire East', '2013-04-01');
      const later = { functions: ['primary-medical-services'], areas: ['eastern-cheshire'], delegator: 'nhs-england' };
      log.grant({ ...later, delegationId: 'second', delegate: 'cheshire-east-council', from: '2022-10-01', to: '2023-01-01' });
      log.grant({ ...later, delegationId: 'third', delegate: 'healthwatch', from: '2022-10-01', to: '2022-12-01' });
      const model = buildAuthorityModel(log.facts);
      expect(spans(authorityTimeline(model, 'primary-medical-services', 'eastern-cheshire'))).toEqual([
        ['2013-04-01', '2022-07-01', 'nhs-england', 'nhs-england'],
        ['2022-07-01', '2022-10-01', 'nhs-england', 'cheshire-and-merseyside-icb'],
        ['2022-10-01', '2022-12-01', 'nhs-england', 'healthwatch'],
        ['2022-12-01', '2023-01-01', 'nhs-england', 'cheshire-east-council'],
        ['2023-01-01', null, 'nhs-england', 'cheshire-and-merseyside-icb'],
      ]);
    });

    it('chooses among conflicting statutory holders by latest from, then latest recorded', () => {
      const log = new FactLog();
      log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
      log.establish('wirral-ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01');
      log.assign('wirral-council', ['better-care-fund'], ['wirral'], '2013-04-01');
      log.assign('wirral-ccg', ['better-care-fund'], ['wirral'], '2015-04-01', '2016-04-01');
      const model = buildAuthorityModel(log.facts);
      expect(spans(authorityTimeline(model, 'better-care-fund', 'wirral'))).toEqual([
        ['2013-04-01', '2015-04-01', 'wirral-council', 'wirral-council'],
        ['2015-04-01', '2016-04-01', 'wirral-ccg', 'wirral-ccg'],
        ['2016-04-01', null, 'wirral-council', 'wirral-council'],
      ]);
    });
  });

  describe('corrections', () => {
    it('moves a delegation’s start when its from is corrected, and only in views that know the correction', () => {
      const { log, ids: events } = cheshireHistory();
      const before = log.head;
      log.correct('delegation-nhse-to-cm-icb-primary-medical', events.primaryMedical, { changes: { from: '2022-10-01' } });
      const asKnownBefore = buildAuthorityModel(log.knownAt(before));
      const asKnownAfter = buildAuthorityModel(log.facts);
      expect(ids(authorityAt(asKnownBefore, 'primary-medical-services', 'vale-royal', '2022-08-01'))).toEqual([
        'nhs-england',
        'cheshire-and-merseyside-icb',
      ]);
      expect(ids(authorityAt(asKnownAfter, 'primary-medical-services', 'vale-royal', '2022-08-01'))).toEqual([
        'nhs-england',
        'nhs-england',
      ]);
      expect(authorityAt(asKnownAfter, 'primary-medical-services', 'vale-royal', '2022-10-01').chain[1]).toMatchObject({
        from: '2022-10-01',
        citedEvents: [events.primaryMedical],
      });
      expect(authorityTimeline(asKnownBefore, 'community-health-services', 'vale-royal')).toEqual(
        authorityTimeline(asKnownAfter, 'community-health-services', 'vale-royal'),
      );
    });

    it('forgets a withdrawn fact: a withdrawn merger passes nothing on', () => {
      const { log, ids: events } = cheshireHistory();
      log.correct('reorganisation-cheshire-ccg-merger', events.merger, { withdrawn: true });
      const model = buildAuthorityModel(log.facts);
      expect(spans(authorityTimeline(model, 'community-health-services', 'vale-royal'))).toEqual([
        ['2013-04-01', null, 'vale-royal-ccg', 'vale-royal-ccg'],
      ]);
    });

    it('gives the same answer from the same facts however often the model is built', () => {
      const { log } = cheshireHistory();
      const first = buildAuthorityModel(log.facts);
      log.revoke('nhse-to-cm-icb-primary-medical', '2023-01-01');
      const again = buildAuthorityModel(log.knownAt(log.head - 1));
      expect(authorityTimeline(again, 'primary-medical-services', 'vale-royal')).toEqual(
        authorityTimeline(first, 'primary-medical-services', 'vale-royal'),
      );
    });
  });

  it('knows the commissioning functions', () => {
    expect(isKnownFunction('primary-medical-services')).toBe(true);
    expect(isKnownFunction('cheshire-east')).toBe(false);
  });
});
