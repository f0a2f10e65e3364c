import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { COUNCIL, PublicSiteFixture, startPublicSite } from './public-site-fixture';

/** The tables the public site reads, each row as text, sorted: what a reader can be shown. */
const TABLES = {
  public_bodies: 'SELECT id, ods_code, kind, search, body FROM public_bodies',
  public_decisions: 'SELECT decision_id, meeting_id, body_id, date, reveal_on, summary, decision FROM public_decisions',
  public_decision_bodies: 'SELECT body_id, date, decision_id FROM public_decision_bodies',
  public_meetings: 'SELECT meeting_id, date, meeting FROM public_meetings',
  public_timelines: 'SELECT function, area, timeline FROM public_timelines',
  public_successions: 'SELECT position, succession FROM public_successions',
  public_recommendations: 'SELECT id, recommendation FROM public_recommendations',
  public_search_rows: 'SELECT kind, key, owner, date, href, boost, title, text, places, functions FROM public_search_rows',
} as const;

type Snapshot = Record<keyof typeof TABLES, string[]>;

function snapshot(): Snapshot {
  const db = new Database(join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE), { readonly: true });
  try {
    const rows = Object.entries(TABLES).map(([table, sql]) => [
      table,
      db
        .prepare(sql)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]);
    return Object.fromEntries(rows) as Snapshot;
  } finally {
    db.close();
  }
}

/** Each decision's row by id. */
const decisionRows = (shot: Snapshot) =>
  new Map(shot.public_decisions.map((row) => [(JSON.parse(row) as { decision_id: string }).decision_id, row]));

describe('the public projection, written as the facts change', () => {
  let fixture: PublicSiteFixture;

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 120_000);
  afterAll(() => fixture?.close());

  it('rewrites for one delegation only the rows it changes, and they are as a full rebuild writes them', async () => {
    // Given the seeded history and the Exampleton cabinet, whose decisions of 14 January 2020 were on
    // adult social care in Wirral, which Exampleton Council holds and its cabinet exercises for it.
    const before = snapshot();
    // When the council delegates adult social care in Wirral to the Wirral CCG from 1 January 2020.
    await post('/delegations', {
      source: { title: 'Exampleton Council section 75 agreement', illustrative: true },
      delegationId: 'exampleton-council-to-wirral-ccg',
      delegatorBodyId: COUNCIL,
      delegateBodyId: 'nhs-wirral-ccg',
      functions: ['adult-social-care'],
      areas: ['wirral'],
      from: '2020-01-01',
      instrument: { kind: 'section-75-agreement', reference: 'Exampleton and Wirral CCG section 75 agreement' },
      subDelegationAllowed: false,
    });
    await fixture.published();
    const written = fixture.projection.lastWrite();
    const after = snapshot();

    // Then the verdicts of the cabinet's decisions name the CCG as exercising the function...
    const cabinetDecisions = [...decisionRows(after).entries()].filter(([id]) => id.startsWith('exampleton-cabinet-2020-01/'));
    expect(cabinetDecisions).toHaveLength(3);
    for (const [, row] of cabinetDecisions) expect(row).toContain('exercised by nhs-wirral-ccg');
    // ...exactly the decision rows that changed were written, and only decisions the delegation could reach were judged:
    // those on adult social care in Wirral from 2020 (not every decision of the ledger, as a full rewrite would).
    const beforeRows = decisionRows(before);
    const changed = [...decisionRows(after)].filter(([id, row]) => beforeRows.get(id) !== row).map(([id]) => id);
    expect([...written.decisionIds].sort()).toEqual(changed.sort());
    expect(changed).toEqual(expect.arrayContaining(cabinetDecisions.map(([id]) => id)));
    expect(written.decisionsJudged).toBeLessThan(after.public_decisions.length / 10);
    // ...and of the bodies, those whose authority or arrangements it changed, not all.
    const changedBodies = after.public_bodies.filter((row) => !before.public_bodies.includes(row));
    expect(written.bodies).toBe(changedBodies.length);
    expect(changedBodies.map((row) => (JSON.parse(row) as { id: string }).id).sort()).toEqual(
      expect.arrayContaining([COUNCIL, 'nhs-wirral-ccg']),
    );
    expect(written.bodies).toBeLessThan(after.public_bodies.length / 4);
    expect(after.public_decisions.length).toBe(before.public_decisions.length);

    // And every table holds what a rebuild from the first event writes.
    expect(await rebuilt()).toEqual(after);
  });

  it('judges every decision again for a statutory function, but writes only the rows it changes', async () => {
    // Given the ledger as it stands; when Exampleton Council is given public health in Wirral from 2019.
    const before = snapshot();
    await post(`/bodies/${COUNCIL}/statutory-functions`, {
      source: { title: 'Exampleton Council public health transfer', illustrative: true },
      functions: ['public-health'],
      areas: ['wirral'],
      from: '2019-04-01',
      act: 'Health and Social Care Act 2012',
    });
    await fixture.published();
    const written = fixture.projection.lastWrite();
    const after = snapshot();
    // Then every decision was judged again (any verdict may rest on a statutory holding)...
    expect(written.decisionsJudged).toBe(after.public_decisions.length);
    // ...but only the rows that changed were written: the council's, not every body's, nor every decision's.
    const beforeRows = decisionRows(before);
    const changed = [...decisionRows(after)].filter(([id, row]) => beforeRows.get(id) !== row).map(([id]) => id);
    expect([...written.decisionIds].sort()).toEqual(changed.sort());
    expect(written.decisions).toBeLessThan(after.public_decisions.length / 10);
    const changedBodies = after.public_bodies.filter((row) => !before.public_bodies.includes(row));
    expect(written.bodies).toBe(changedBodies.length);
    expect(changedBodies.some((row) => row.includes(`"id":"${COUNCIL}"`))).toBe(true);
    expect(written.bodies).toBeLessThan(after.public_bodies.length / 4);
    expect(await rebuilt()).toEqual(after);
  });

  /** Empties the public projection, writes it again from the first event, and gives its tables. */
  async function rebuilt(): Promise<Snapshot> {
    const projection = fixture.projection;
    projection.drop();
    projection.refresh(fixture.ledger.app.get(ProjectionRunner).checkpoint());
    await projection.caughtUpTo((await fixture.ledger.head()).position);
    return snapshot();
  }

  async function post(path: string, body: object): Promise<void> {
    await fixture.ledger
      .http()
      .post(path)
      .set('Authorization', fixture.ledger.keys.admin)
      .send(body)
      .expect((response) => {
        if (response.status !== 201) throw new Error(JSON.stringify(response.body));
      });
  }
});
