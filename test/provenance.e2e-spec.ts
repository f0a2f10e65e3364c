import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * No answer carries a fact without saying where it comes from: every answer of the seeded history is
 * walked, and every node that rests on facts (chain links, intervals, names, memberships, lineage, arrangements,
 * decisions, votes, findings, recommendations and their responses) must carry `provenance` for each
 * event it cites, with the fact's source, and flags that agree with the seed file.
 */
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');
const seeded = seed
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { data: { source: { title: string; illustrative?: boolean }; dateCertainty?: string } });

interface FactSource {
  event: string;
  position: number;
  source: { title: string; reference?: string; illustrative?: boolean };
  approximate: boolean;
  illustrative: boolean;
}
interface Provenance {
  approximate: boolean;
  illustrative: boolean;
  facts: FactSource[];
}

/** Every object in the answer, with the path that reached it. */
function* nodes(value: unknown, path = '$'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [index, inner] of value.entries()) yield* nodes(inner, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    yield [path, value as Record<string, unknown>];
    for (const [key, inner] of Object.entries(value)) if (key !== 'provenance') yield* nodes(inner, `${path}.${key}`);
  }
}

/** Paths of the nodes that rest on facts and so must cite them. */
const FACT_BEARING = [
  /\.chain\[\d+\]$/,
  /^\$(\.areas\[\d+\])?\.intervals\[\d+\]$/,
  /\.names\[\d+\]$/,
  /\.memberships\[\d+\]$/,
  /\.(predecessors|successors)\[\d+\]$/,
  /\.authority\[\d+\]$/,
  /\.votes\[\d+\]$/,
  /\.decisions\[\d+\]$/,
  /\.rounds\[\d+\]$/,
  /\.responses\[\d+\]$/,
  /\.arrangements\[\d+\]$/,
  /\.arrangements\[\d+\]\.(seats|otherParties|delegations)\[\d+\]$/,
];

describe('provenance on every answer of the seeded history', () => {
  let ledger: LedgerTestApp;
  /** The head once the seed is imported. */
  let seededHead: number;
  /** Every answer the tests below check, asked once the seed is in and before any test records more: by question. */
  const asked = { authority: new Map<string, unknown>(), bodies: new Map<string, unknown>(), decisions: new Map<string, unknown>() };

  const get = async (path: string) => (await ledger.http().get(path).expect(200)).body;

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(seed);
    await ledger.settled();
    seededHead = (await ledger.head()).position;
    for (const fn of FUNCTIONS) {
      for (const area of AREAS) {
        const timeline = await get(`/authority/timeline?function=${fn}&area=${area}`);
        asked.authority.set(`timeline ${fn} ${area}`, timeline);
        for (const { from } of timeline.intervals as { from: string }[]) {
          asked.authority.set(`authority ${fn} ${area} ${from}`, await get(`/authority?function=${fn}&area=${area}&at=${from}`));
        }
      }
    }
    asked.authority.set('a place', await get('/authority?function=community-health-services&area=cheshire-east&at=2019-01-01'));
    const bodyIds = new Set<string>();
    for (const at of [
      '2008-06-01',
      '2009-04-01',
      '2013-04-01',
      '2015-10-01',
      '2015-12-15',
      '2017-08-01',
      '2018-06-30',
      '2019-09-24',
      '2020-04-01',
      '2021-06-01',
      '2022-07-01',
      '2023-04-01',
    ]) {
      const answer = await get(`/bodies?at=${at}`);
      asked.bodies.set(`bodies at ${at}`, answer);
      for (const { id } of answer.bodies as { id: string }[]) bodyIds.add(id);
    }
    for (const id of bodyIds) {
      asked.bodies.set(`body ${id}`, await get(`/bodies/${id}`));
      asked.bodies.set(`authority of ${id}`, await get(`/bodies/${id}/authority`));
    }
    const listed = await get('/decisions?limit=200');
    asked.decisions.set('decisions', listed);
    for (const { decisionId } of listed.decisions as { decisionId: string }[]) {
      asked.decisions.set(`decision ${decisionId}`, await get(`/decisions/${decisionId}`));
    }
    asked.decisions.set('recommendation', await get('/recommendations/wirral-pooled-fund-2021-22'));
    // Every route of the seeded history: a bound, not a measure.
  }, 180_000);
  afterAll(() => ledger.close());

  /** Fails naming the first node that rests on facts without citing them, or cites one without its source. */
  const expectProvenance = (answer: unknown, question: string) => {
    for (const [path, node] of nodes(answer)) {
      const cited = node.citedEvents as string[] | undefined;
      const listedBody = question.startsWith('bodies at') && /^\$\.bodies\[\d+\]$/.test(path);
      if (listedBody || FACT_BEARING.some((pattern) => pattern.test(path))) {
        expect({ question, path, cites: Array.isArray(cited) && cited.length > 0 }).toEqual({ question, path, cites: true });
      }
      // A finding may rest on nothing (no interest declared), but says so with an empty list.
      if (/\.findings\[\d+\]$/.test(path)) expect({ question, path, cites: Array.isArray(cited) }).toEqual({ question, path, cites: true });
      if (!Array.isArray(cited)) continue;
      const provenance = node.provenance as Provenance | undefined;
      expect({ question, path, facts: provenance?.facts.map((fact) => fact.event) }).toEqual({ question, path, facts: cited });
      for (const fact of provenance!.facts) expect(fact.source.title).toEqual(expect.any(String));
      expect(provenance!.approximate).toBe(provenance!.facts.some((fact) => fact.approximate));
      expect(provenance!.illustrative).toBe(provenance!.facts.some((fact) => fact.illustrative));
    }
  };

  it('authority, timelines and each body’s authority cite every fact they rest on', () => {
    for (const [question, answer] of asked.authority) expectProvenance(answer, question);
  });

  it('bodies, each body and its authority cite every fact they rest on', () => {
    for (const [question, answer] of asked.bodies) expectProvenance(answer, question);
    // The bodies' arrangements were among what was walked.
    const arrangements = [...asked.bodies.values()].flatMap((answer) => (answer as { arrangements?: unknown[] }).arrangements ?? []);
    expect(arrangements.length).toBeGreaterThan(0);
  });

  it('decisions, their votes and findings, and recommendations cite every fact they rest on', () => {
    for (const [question, answer] of asked.decisions) expectProvenance(answer, question);
    const listed = asked.decisions.get('decisions') as { decisions: { decisionId: string }[] };
    expect(listed.decisions.length).toBeGreaterThan(0);
    for (const { decisionId } of listed.decisions) {
      expect((asked.decisions.get(`decision ${decisionId}`) as { provenance: Provenance }).provenance.facts.length).toBeGreaterThan(0);
    }
    expect((asked.decisions.get('recommendation') as { provenance: Provenance }).provenance.illustrative).toBe(true);
  });

  it('the flags say what the seed file says of each fact cited', () => {
    expect(seededHead).toBe(seeded.length);
    const checked = { nodes: 0, approximate: 0, illustrative: 0 };
    const bySource = new Map<string, FactSource>();
    for (const answers of Object.values(asked)) {
      for (const answer of answers.values()) {
        for (const [, node] of nodes(answer)) {
          const provenance = node.provenance as Provenance | undefined;
          if (!Array.isArray(node.citedEvents) || !provenance) continue;
          for (const fact of provenance.facts) bySource.set(fact.event, fact);
          checked.nodes++;
          if (provenance.approximate) checked.approximate++;
          if (provenance.illustrative) checked.illustrative++;
        }
      }
    }
    expect(checked.nodes).toBeGreaterThan(500);
    // The seed's approximate and illustrative facts reach readers marked as such.
    expect(checked.approximate).toBeGreaterThan(0);
    expect(checked.illustrative).toBeGreaterThan(0);
    // Each seed command records one event, so position p is the seed file's p-th command.
    for (const fact of bySource.values()) {
      const command = seeded[fact.position - 1];
      expect([fact.position, fact.source, fact.approximate, fact.illustrative]).toEqual([
        fact.position,
        command.data.source,
        command.data.dateCertainty === 'approximate',
        command.data.source.illustrative === true,
      ]);
    }
    // Most of the seed's facts are cited by some answer.
    expect(bySource.size).toBeGreaterThan(seeded.length / 2);
  });

  it('follows a correction of a fact’s date certainty into every answer that cites it, and not into answers as known before it', async () => {
    const body = await get('/bodies/nhs-cheshire-ccg');
    // The fact of its establishment, cited to the Wirral report's §3.2.2 (the day given there).
    const established = body.names[0].provenance.facts.find((fact: FactSource) =>
      fact.source.reference?.startsWith('§3.2.2'),
    ) as FactSource;
    expect(established.approximate).toBe(false);
    const before = (await ledger.head()).position;
    const corrected = await ledger
      .http()
      .post('/corrections')
      .set('Authorization', ledger.keys.admin)
      .send({
        stream: 'body-nhs-cheshire-ccg',
        correctedEventId: established.event,
        reason: 'test: the day is not in the report',
        changes: { dateCertainty: 'approximate' },
        source: { title: 'provenance test', illustrative: true },
      })
      .expect(201);
    await ledger.settled();
    const now = await get('/bodies/nhs-cheshire-ccg');
    expect(now.names[0].citedEvents).toContain(corrected.body.events[0].id);
    expect(now.names[0].provenance).toMatchObject({ approximate: true, illustrative: true });
    const listed = (await get('/bodies?at=2021-06-01&kind=ccg')).bodies.find((b: { id: string }) => b.id === 'nhs-cheshire-ccg');
    expect(listed.provenance.facts.find((fact: FactSource) => fact.event === established.event).approximate).toBe(true);
    const then = await get(`/bodies/nhs-cheshire-ccg?asKnownAt=${before}`);
    expect(then.names[0].provenance).toMatchObject({ approximate: false, illustrative: false });
  });
});
