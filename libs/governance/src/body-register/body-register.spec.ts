import { bodiesAt, bodyView, buildBodyRegister, lineage, nameAt } from './body-register';
import { LedgerScript } from './ledger-script.testing';

const cheshireCcgs = ['nhs-eastern-cheshire-ccg', 'nhs-south-cheshire-ccg', 'nhs-vale-royal-ccg', 'nhs-west-cheshire-ccg'];

function establish(
  script: LedgerScript,
  bodyId: string,
  kind: string,
  name: string,
  effective: string,
  extra: Record<string, unknown> = {},
): string {
  return script.record(`body-${bodyId}`, 'BodyEstablished', { bodyId, kind, name, areas: [], effective, ...extra });
}

/** The four Cheshire CCGs merge into NHS Cheshire CCG (2020); it and Wirral CCG pass to the ICB by transfer scheme (2022). */
function cheshireAndMerseyside() {
  const script = new LedgerScript();
  for (const bodyId of cheshireCcgs) establish(script, bodyId, 'ccg', bodyId, '2013-04-01');
  establish(script, 'nhs-wirral-ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01', { odsCode: '12F' });
  establish(script, 'nhs-cheshire-ccg', 'ccg', 'NHS Cheshire CCG', '2020-04-01', { odsCode: '27D' });
  const merger = script.record('reorganisation-cheshire-merger-2020', 'MergerRecorded', {
    reorganisationId: 'cheshire-merger-2020',
    predecessorBodyIds: cheshireCcgs,
    successorBodyId: 'nhs-cheshire-ccg',
    legalDate: '2020-04-01',
    grantedDelegations: 'carry-over',
  });
  establish(script, 'nhs-cheshire-and-merseyside-icb', 'icb', 'NHS Cheshire and Merseyside ICB', '2022-07-01', { odsCode: 'QYG' });
  const transfer = script.record('reorganisation-cm-transfer-2022', 'TransferSchemeRecorded', {
    reorganisationId: 'cm-transfer-2022',
    abolishedBodyIds: ['nhs-cheshire-ccg', 'nhs-wirral-ccg'],
    receivingBodyId: 'nhs-cheshire-and-merseyside-icb',
    legalDate: '2022-07-01',
    functions: 'all',
    areas: 'all',
  });
  return { script, merger, transfer };
}

describe('bodies view: names over time', () => {
  const script = new LedgerScript();
  const established = establish(script, 'cheshire-programme-board', 'partnership', 'Caring Together Programme Board', '2015-12-15');
  const renamed = script.record('body-cheshire-programme-board', 'BodyRenamed', {
    bodyId: 'cheshire-programme-board',
    name: 'Caring Together Board',
    effective: '2017-04-01',
  });
  const beforeRetroactiveRename = script.head;
  // Learned later: an earlier rename, effective between the two already known.
  const retroactive = script.record('body-cheshire-programme-board', 'BodyRenamed', {
    bodyId: 'cheshire-programme-board',
    name: 'Eastern Cheshire Programme Board',
    effective: '2016-06-01',
  });

  it('gives closed-open names from the establishment and each effective-dated rename, in valid-time order', () => {
    const view = bodyView(buildBodyRegister(script.facts), 'cheshire-programme-board');
    // Each name rests on the facts of the body's life: its establishment and renames.
    const life = [established, renamed, retroactive];
    expect(view?.names).toEqual([
      { name: 'Caring Together Programme Board', from: '2015-12-15', to: '2016-06-01', citedEvents: life },
      { name: 'Eastern Cheshire Programme Board', from: '2016-06-01', to: '2017-04-01', citedEvents: life },
      { name: 'Caring Together Board', from: '2017-04-01', to: null, citedEvents: life },
    ]);
    expect(view?.citedEvents).toEqual([established, renamed, retroactive]);
  });

  it('answers nameAt on each side of a rename, and nothing before the body existed', () => {
    const register = buildBodyRegister(script.facts);
    expect(nameAt(register, 'cheshire-programme-board', '2015-12-14')).toBeUndefined();
    expect(nameAt(register, 'cheshire-programme-board', '2015-12-15')).toBe('Caring Together Programme Board');
    expect(nameAt(register, 'cheshire-programme-board', '2016-05-31')).toBe('Caring Together Programme Board');
    expect(nameAt(register, 'cheshire-programme-board', '2016-06-01')).toBe('Eastern Cheshire Programme Board');
    expect(nameAt(register, 'cheshire-programme-board', '2030-01-01')).toBe('Caring Together Board');
    expect(nameAt(register, 'no-such-body', '2020-01-01')).toBeUndefined();
  });

  it('does not know a retroactive rename as known before it was recorded', () => {
    const register = buildBodyRegister(script.knownAt(beforeRetroactiveRename));
    expect(nameAt(register, 'cheshire-programme-board', '2016-06-01')).toBe('Caring Together Programme Board');
  });

  it('treats a rename as a new name of the same body, never as a succession', () => {
    const view = bodyView(buildBodyRegister(script.facts), 'cheshire-programme-board');
    expect(view?.lineage).toEqual({ predecessors: [], successors: [] });
    expect(view?.dissolved).toBeNull();
    const register = buildBodyRegister(script.facts);
    expect(lineage(register, 'cheshire-programme-board', 'successors')).toEqual([]);
  });

  it('moves a name boundary when a correction changes the rename date, citing the correction', () => {
    const corrected = new LedgerScript();
    establish(corrected, 'b', 'partnership', 'First', '2015-12-15');
    const rename = corrected.record('body-b', 'BodyRenamed', { bodyId: 'b', name: 'Second', effective: '2017-04-01' });
    const correction = corrected.correct('body-b', rename, { effective: '2017-05-01' });
    const register = buildBodyRegister(corrected.facts);
    expect(nameAt(register, 'b', '2017-04-15')).toBe('First');
    expect(bodyView(register, 'b')?.citedEvents).toEqual(['e1', rename, correction]);
  });

  it('ends the last name with the body', () => {
    const dissolved = new LedgerScript();
    establish(dissolved, 'b', 'partnership', 'First', '2015-12-15');
    dissolved.record('body-b', 'BodyDissolved', { bodyId: 'b', effective: '2019-04-01' });
    dissolved.record('body-b', 'BodyRenamed', { bodyId: 'b', name: 'Too late', effective: '2020-01-01' });
    const register = buildBodyRegister(dissolved.facts);
    expect(bodyView(register, 'b')?.names).toEqual([
      { name: 'First', from: '2015-12-15', to: '2019-04-01', citedEvents: dissolved.facts.map((fact) => fact.id) },
    ]);
    expect(nameAt(register, 'b', '2019-04-01')).toBeUndefined();
  });
});

describe('bodies view: lineage', () => {
  const { script, merger, transfer } = cheshireAndMerseyside();
  const register = buildBodyRegister(script.facts);

  it('gives NHS Cheshire CCG the four Cheshire CCGs as predecessors and the ICB as successor by transfer scheme', () => {
    const view = bodyView(register, 'nhs-cheshire-ccg');
    expect(view?.lineage.predecessors).toEqual(
      cheshireCcgs.map((bodyId) => ({
        bodyId,
        legalDate: '2020-04-01',
        reorganisationId: 'cheshire-merger-2020',
        kind: 'merger',
        citedEvents: [merger],
      })),
    );
    expect(view?.lineage.successors).toEqual([
      {
        bodyId: 'nhs-cheshire-and-merseyside-icb',
        legalDate: '2022-07-01',
        reorganisationId: 'cm-transfer-2022',
        kind: 'transfer-scheme',
        citedEvents: [transfer],
      },
    ]);
    expect(view?.established).toBe('2020-04-01');
    expect(view?.dissolved).toBe('2022-07-01');
    expect(view?.odsCode).toBe('27D');
    expect(view?.citedEvents).toEqual(expect.arrayContaining([merger, transfer]));
  });

  it('ends a predecessor on the legal date of the merger, though no dissolution was recorded in its own stream', () => {
    expect(bodyView(register, 'nhs-vale-royal-ccg')?.dissolved).toBe('2020-04-01');
    expect(nameAt(register, 'nhs-vale-royal-ccg', '2020-03-31')).toBe('nhs-vale-royal-ccg');
    expect(nameAt(register, 'nhs-vale-royal-ccg', '2020-04-01')).toBeUndefined();
  });

  it('walks predecessors transitively from the ICB, saying whose predecessor each is', () => {
    const links = lineage(register, 'nhs-cheshire-and-merseyside-icb', 'predecessors');
    expect(links.map(({ bodyId, of, legalDate, kind }) => ({ bodyId, of, legalDate, kind }))).toEqual([
      { bodyId: 'nhs-cheshire-ccg', of: 'nhs-cheshire-and-merseyside-icb', legalDate: '2022-07-01', kind: 'transfer-scheme' },
      { bodyId: 'nhs-wirral-ccg', of: 'nhs-cheshire-and-merseyside-icb', legalDate: '2022-07-01', kind: 'transfer-scheme' },
      ...cheshireCcgs.map((bodyId) => ({ bodyId, of: 'nhs-cheshire-ccg', legalDate: '2020-04-01', kind: 'merger' })),
    ]);
    expect(links[0].citedEvents).toEqual([transfer]);
    expect(links[2].citedEvents).toEqual([merger]);
  });

  it('walks successors transitively from a 2013 CCG to the ICB', () => {
    expect(
      lineage(register, 'nhs-eastern-cheshire-ccg', 'successors').map(({ bodyId, legalDate, reorganisationId }) => ({
        bodyId,
        legalDate,
        reorganisationId,
      })),
    ).toEqual([
      { bodyId: 'nhs-cheshire-ccg', legalDate: '2020-04-01', reorganisationId: 'cheshire-merger-2020' },
      { bodyId: 'nhs-cheshire-and-merseyside-icb', legalDate: '2022-07-01', reorganisationId: 'cm-transfer-2022' },
    ]);
  });

  it('knows no succession as known before the reorganisation was recorded', () => {
    const before = buildBodyRegister(script.knownAt(script.facts.findIndex((fact) => fact.id === merger)));
    expect(bodyView(before, 'nhs-cheshire-ccg')?.lineage.predecessors).toEqual([]);
    expect(bodyView(before, 'nhs-vale-royal-ccg')?.dissolved).toBeNull();
  });

  it('answers undefined for a body never recorded', () => {
    expect(bodyView(register, 'nhs-nowhere-ccg')).toBeUndefined();
  });
});

describe('bodies view: bodies in existence on a date', () => {
  const { script, transfer } = cheshireAndMerseyside();
  const register = buildBodyRegister(script.facts);

  it('lists the bodies established on or before the date and not yet ended, with their names then', () => {
    expect(bodiesAt(register, '2020-03-31').map((body) => body.id)).toEqual([...cheshireCcgs, 'nhs-wirral-ccg'].sort());
    // Each rests on its establishment and what ended it.
    const establishedId = (bodyId: string) => script.facts.find((fact) => fact.stream === `body-${bodyId}`)!.id;
    expect(bodiesAt(register, '2020-04-01')).toEqual([
      {
        id: 'nhs-cheshire-ccg',
        kind: 'ccg',
        name: 'NHS Cheshire CCG',
        odsCode: '27D',
        citedEvents: [establishedId('nhs-cheshire-ccg'), transfer],
      },
      {
        id: 'nhs-wirral-ccg',
        kind: 'ccg',
        name: 'NHS Wirral CCG',
        odsCode: '12F',
        citedEvents: [establishedId('nhs-wirral-ccg'), transfer],
      },
    ]);
    expect(bodiesAt(register, '2022-07-01').map((body) => body.id)).toEqual(['nhs-cheshire-and-merseyside-icb']);
    expect(bodiesAt(register, '2013-03-31')).toEqual([]);
  });

  it('filters by kind', () => {
    expect(bodiesAt(register, '2022-07-01', 'ccg')).toEqual([]);
    expect(bodiesAt(register, '2022-06-30', 'icb')).toEqual([]);
    expect(bodiesAt(register, '2022-07-01', 'icb').map((body) => body.name)).toEqual(['NHS Cheshire and Merseyside ICB']);
  });
});
