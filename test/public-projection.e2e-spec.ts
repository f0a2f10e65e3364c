import { execFileSync } from 'node:child_process';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Clock } from '../apps/ledger/src/clock/clock';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { PublicSite } from '../apps/public/src/public-site';
import {
  CABINET,
  COUNCIL,
  FUTURE_LIFT_AMENDMENT_MARKER,
  FUTURE_LIFT_MARKER,
  MARKERS,
  OPEN_AMENDMENT,
  OPEN_TEXT,
  openCsv,
  PART2_DECISION,
  PublicSiteFixture,
  startPublicSite,
} from './public-site-fixture';

/** Every page type and export the public site serves for the fixture. */
const PUBLIC_PATHS = [
  '/',
  '/search?q=exampleton',
  '/bodies',
  `/bodies/${COUNCIL}`,
  `/bodies/${CABINET}`,
  '/authority',
  '/authority/adult-social-care/wirral?on=2020-01-14',
  '/meetings/exampleton-cabinet-2020-01',
  // A meeting with no decision: only the minutes of the one before approved at it.
  '/meetings/exampleton-cabinet-2020-02',
  '/meetings',
  '/meetings?when=past',
  `/decisions/${PART2_DECISION}`,
  `/decisions/exampleton-cabinet-2020-01/day-centre-lease/${CABINET}`,
  `/decisions/exampleton-cabinet-2020-01/carers-strategy/${CABINET}`,
  '/recommendations',
  '/data',
  '/data/popolo.json',
  '/data/decisions.csv',
  '/data/votes.csv',
  '/data/successions.csv',
  '/data/meetings.csv',
];

/** Asks the fixture's site for pages: the whole answer, or the page of a 200. */
function pagesOf(site: () => PublicSiteFixture) {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${site().url}${path}`, { headers, redirect: 'manual' });
  const text = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return response.text();
  };
  return { get, text };
}

describe('the public projection and the public site (no browser)', () => {
  let fixture: PublicSiteFixture;
  const { get, text } = pagesOf(() => fixture);
  /** An open-data CSV as a spreadsheet reads it (byte-order mark checked). */
  const csvOf = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return openCsv(new Uint8Array(await response.arrayBuffer()));
  };
  /** A page's words, as a reader sees them. */
  const words = async (path: string) => (await text(path)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  const databaseBytes = () => {
    const file = join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE);
    return [file, `${file}-wal`]
      .filter(existsSync)
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
  };

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 60_000);
  afterAll(() => fixture?.close());

  it('shows a Part 2 item by its title, paragraph, public-interest reason, summary, outcome and votes', async () => {
    const page = await text(`/decisions/${PART2_DECISION}`);
    expect(page).toContain('Care home contract');
    expect(page.replace(/\s+/g, ' ')).toContain('paragraph 3 of Schedule 12A');
    expect(page).toContain('prices are commercially sensitive');
    expect(page).toContain('Care home contract: award approved');
    expect(page).toContain('carried');
    expect(page).toMatch(/For 2, against 0/);
    expect(page).toContain('Cabinet leader');
    expect(page.replace(/\s+/g, ' ')).toContain('Moved by Cabinet leader, seconded by Cabinet deputy');
    // Public items keep their text.
    expect(await text(`/decisions/exampleton-cabinet-2020-01/carers-strategy/${CABINET}`)).toContain(OPEN_TEXT);
  });

  it('never lets a marker planted in a confidential field reach any page, export or the database file', async () => {
    const everything = (await Promise.all(PUBLIC_PATHS.map(text))).join('\n');
    const bytes = databaseBytes();
    for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER]) {
      expect(everything).not.toContain(marker);
      expect(bytes).not.toContain(marker);
    }
    // The test would see them: the open item's text, and the amendment about it, are in both.
    for (const open of [OPEN_TEXT, OPEN_AMENDMENT]) {
      expect(everything).toContain(open);
      expect(bytes).toContain(open);
    }
  });

  it('shows an amendment about a public item on its meeting’s and its decision’s page while another item is Part 2', async () => {
    const minuted = await words('/meetings/exampleton-cabinet-2020-01');
    expect(minuted).toContain(`Amendments about items: Carers strategy: ${OPEN_AMENDMENT}`);
    expect(minuted).toContain('Any other amendments are not public while an item of this meeting is confidential.');
    expect(await words(`/decisions/exampleton-cabinet-2020-01/carers-strategy/${CABINET}`)).toContain(
      `Amendment about this item: ${OPEN_AMENDMENT}.`,
    );
    // Not on the page of another item's decision: the amendments there are about that item.
    expect(await text(`/decisions/${PART2_DECISION}`)).not.toContain(OPEN_AMENDMENT);
    const row = fixture.site.db!.publicMeeting('exampleton-cabinet-2020-01')!;
    expect(row.minutes[0]).not.toHaveProperty('amendments');
    expect(row.minutes[0].itemAmendments).toEqual([{ itemId: 'carers-strategy', title: 'Carers strategy', text: OPEN_AMENDMENT }]);
  });

  it('removes from the pages and the file the text a correction replaced', async () => {
    const marker = 'MARKER-PUBLISHED-IN-ERROR-7f3a';
    const post = async (path: string, body: object) =>
      (
        await fixture.ledger
          .http()
          .post(path)
          .set('Authorization', fixture.ledger.keys.admin)
          .send({ source: { title: 'test' }, ...body })
          .expect((r) => {
            if (r.status !== 201) throw new Error(JSON.stringify(r.body));
          })
      ).body;
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2020-03',
      date: '2020-03-10',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    const added = await post('/meetings/exampleton-cabinet-2020-03/items', {
      itemId: 'home-care',
      title: 'Home care',
      text: marker,
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post('/meetings/exampleton-cabinet-2020-03/items/home-care/decisions', {
      bodyId: CABINET,
      outcome: 'agreed-without-vote',
      resolution: 'Agreed',
    });
    await fixture.published();
    const path = `/decisions/exampleton-cabinet-2020-03/home-care/${CABINET}`;
    expect(await text(path)).toContain(marker);
    expect(databaseBytes()).toContain(marker);
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-03',
      correctedEventId: added.events[0].id,
      changes: { text: 'Text replaced' },
      reason: 'published in error',
    });
    await fixture.published();
    expect(await text(path)).toContain('Text replaced');
    expect(await text(path)).not.toContain(marker);
    expect(databaseBytes()).not.toContain(marker);
  });

  it("rewrites a body's page when its members change, and its decisions' member names when it is renamed", async () => {
    const admin = fixture.ledger.keys.admin;
    const source = { title: 'Exampleton Council cabinet minutes', illustrative: true };
    await fixture.ledger
      .http()
      .post(`/bodies/${CABINET}/memberships`)
      .set('Authorization', admin)
      .send({
        source,
        membershipId: `${CABINET}-scrutiny`,
        member: { person: 'Pat Example' },
        role: 'scrutiny',
        voting: false,
        from: '2021-05-01',
      })
      .expect(201);
    await fixture.ledger
      .http()
      .post(`/bodies/${CABINET}/renamings`)
      .set('Authorization', admin)
      .send({ source, name: 'Exampleton Council Executive', effective: '2019-06-01' })
      .expect(201);
    await fixture.published();
    expect(await words(`/bodies/${CABINET}`)).toContain('Pat Example');
    expect(await words(`/decisions/${PART2_DECISION}`)).toContain('Decided by Exampleton Council Executive');
  });

  it('lists on a body’s page the arrangements it took part in, with the other bodies, dates in words and sources', async () => {
    const halton = await words('/bodies/nhs-halton-ccg');
    const section = halton.slice(halton.indexOf('Arrangements'));
    expect(section).toMatch(
      /Halton and Warrington CCGs joint management team and joint governance \S*\s*\[\d+\].*Joint management \(the bodies stay separate\) NHS Warrington CCG 9 November 2020 to 30 June 2022/,
    );
    // The joint committee, with what Halton delegated to it.
    expect(section).toMatch(
      /Joint Committee of the Cheshire and Merseyside CCGs .*Delegated to it: acute hospital services \(1 March 2021 to 30 June 2022\)/,
    );
    expect(await text('/bodies/nhs-halton-ccg')).toContain('href="/bodies/halton-and-warrington-ccgs-joint-management-team"');
    expect(await words('/bodies/nhs-england')).toContain('No joint arrangement is recorded for this body.');
    // A pooled budget is named for what it is: a fund its partners hold.
    const council = await words('/bodies/cheshire-east-council');
    expect(council.slice(council.indexOf('Arrangements'))).toMatch(
      /Cheshire East Learning Disabilities pooled budget .*Pooled budget \(a fund its partners hold; it makes no decisions\) NHS Eastern Cheshire CCG/,
    );
  });

  it('rewrites the pages of every party to an arrangement when a seat is appointed in it', async () => {
    await fixture.ledger
      .http()
      .post('/bodies/healthy-wirral-partners-board/memberships')
      .set('Authorization', fixture.ledger.keys.admin)
      .send({
        source: { title: 'Exampleton Council minutes', illustrative: true },
        membershipId: 'healthy-wirral-exampleton-council',
        member: { seat: 'Exampleton Council' },
        role: 'partner',
        voting: false,
        onBehalfOfBodyId: COUNCIL,
        from: '2021-01-01',
      })
      .expect(201);
    await fixture.published();
    expect(await words(`/bodies/${COUNCIL}`)).toMatch(/Healthy Wirral Partners(?:'|&#39;) Board .*from 1 January 2021/);
    // Another party's page names the new one among the bodies it shares the arrangement with.
    expect(await words('/bodies/nhs-wirral-ccg')).toMatch(/Healthy Wirral Partners(?:'|&#39;) Board .*Exampleton Council/);
  });

  it('opens the projection read-only: a write through its handle throws', () => {
    const db = fixture.site.db!.db;
    expect(db.readonly).toBe(true);
    expect(() => db.prepare("INSERT INTO public_meta (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/i);
    expect(() => db.exec('DELETE FROM public_bodies')).toThrow(/readonly/i);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s with 405 without reading the body', async (method) => {
    const url = new URL(`${fixture.url}/bodies`);
    // A body announced as a megabyte and never sent: the answer comes anyway, so the body was not awaited.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/bodies',
          method,
          headers: { 'Content-Type': 'application/json', 'Content-Length': '1048576' },
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
          request.destroy();
        },
      );
      request.on('error', reject);
      request.write('{"bodyId":');
    });
    expect(status).toBe(405);
  });

  it('answers with an ETag, public caching, and 304 when it has not changed', async () => {
    const first = await get('/data/decisions.csv');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"\d+-/);
    expect(first.headers.get('cache-control')).toMatch(/public/);
    expect(first.headers.get('link')).toContain('open-government-licence/version/3');
    expect((await get('/data/decisions.csv', { 'If-None-Match': etag! })).status).toBe(304);
  });

  it('says what ledger position each page was built at', async () => {
    const position = (await fixture.ledger.head()).position;
    expect(await words('/')).toContain(`Built from the ledger at position ${position}`);
  });

  it('exports Popolo with options mapped, and successions in the manner of NHS ODS', async () => {
    const popolo = JSON.parse(await text('/data/popolo.json'));
    expect(popolo.licence.name).toBe('Open Government Licence v3.0');
    expect(popolo.organizations).toContainEqual(
      expect.objectContaining({ id: 'nhs-cheshire-ccg', identifiers: [{ scheme: 'nhs-ods', identifier: '27D' }] }),
    );
    const options = new Set(popolo.votes.map((vote: { option: string }) => vote.option));
    for (const option of options) expect(['yes', 'no', 'abstain', 'absent', 'not voting']).toContain(option);
    expect(options.has('yes')).toBe(true);
    const part2 = popolo.motions.find((motion: { id: string }) => motion.id === `motion/${PART2_DECISION}`);
    expect(part2).toMatchObject({ text: 'Care home contract', confidential: { schedule12AParagraph: 3 } });
    const successions = await csvOf('/data/successions.csv');
    expect(successions.header.join(',')).toBe(
      'predecessor_ods_code,predecessor_id,predecessor_name,successor_ods_code,successor_id,successor_name,legal_date,type',
    );
    const lines = successions.rows.map((row) => Object.values(row).join(','));
    expect(lines).toContain('02D,nhs-vale-royal-ccg,NHS Vale Royal CCG,27D,nhs-cheshire-ccg,NHS Cheshire CCG,2020-04-01,merger');
    expect(lines).toContain(
      '27D,nhs-cheshire-ccg,NHS Cheshire CCG,QYG,nhs-cheshire-and-merseyside-icb,NHS Cheshire and Merseyside ICB,2022-07-01,transfer-scheme',
    );
  });

  it("lists a council's committees' decisions on its page, and finds a body by ODS code", async () => {
    const council = await words(`/bodies/${COUNCIL}`);
    expect(council).toContain('Carers strategy');
    expect(council).toMatch(/\d+ decisions/);
    expect(await words('/bodies/nhs-cheshire-ccg')).not.toContain('Carers strategy');
    const redirect = await get('/ods/27d');
    expect([redirect.status, redirect.headers.get('location')]).toEqual([303, '/bodies/nhs-cheshire-ccg']);
    expect(await text('/search?q=QYG')).toContain('NHS Cheshire and Merseyside ICB');
  });

  it('answers the timeline question in a sentence with the chain', async () => {
    const page = await text('/authority/community-health-services/vale-royal?on=2021-06-01');
    const sentence = (await words('/authority/community-health-services/vale-royal?on=2021-06-01')).replace(/ ([.,])/g, '$1');
    expect(sentence).toContain(
      'On 1 June 2021, NHS Cheshire CCG was accountable for community health services in Vale Royal and Cheshire West Place Committee exercised it',
    );
    expect(sentence).toMatch(/by succession \(merger\)/);
    expect(sentence).toMatch(/by delegation under scheme of reservation and delegation/);
    expect(page).toMatch(/<svg\s+role="img"/);
  });

  it('refuses a date that is not one, an unknown page and an unknown body with 400 or 404, never a 5xx', async () => {
    expect((await get('/authority/community-health-services/vale-royal?on=2021-02-30')).status).toBe(400);
    expect((await get('/bodies/no-such-body')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
    expect((await get('/decisions/%E0%A4%A')).status).toBe(400);
    expect((await get('/data/secrets.csv')).status).toBe(404);
  });

  it('links a source only when its address is a web address', async () => {
    await fixture.ledger
      .http()
      .post('/bodies')
      .set('Authorization', fixture.ledger.keys.admin)
      .send({
        bodyId: 'linkton-healthwatch',
        kind: 'healthwatch',
        name: 'Healthwatch <b>Linkton</b>',
        areas: ['wirral'],
        effective: '2013-04-01',
        source: { title: 'A source with a script address', url: 'javascript:alert(1)' },
      })
      .expect(201);
    await fixture.published();
    const page = await text('/bodies/linkton-healthwatch');
    expect(page).toContain('A source with a script address');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('Healthwatch &lt;b&gt;Linkton&lt;/b&gt;');
  });

  it('keeps a title a spreadsheet would run as a formula as text in the CSV', async () => {
    const post = (path: string, body: object) =>
      fixture.ledger
        .http()
        .post(path)
        .set('Authorization', fixture.ledger.keys.admin)
        .send({ source: { title: 'test' }, ...body })
        .expect(201);
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2020-04',
      date: '2020-04-14',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    await post('/meetings/exampleton-cabinet-2020-04/items', {
      itemId: 'formula',
      title: '=HYPERLINK("http://example.invalid")',
      text: 'A title that looks like a formula',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post('/meetings/exampleton-cabinet-2020-04/items/formula/decisions', {
      bodyId: CABINET,
      outcome: 'agreed-without-vote',
      resolution: 'Agreed',
    });
    await fixture.published();
    const rows = (await text('/data/decisions.csv')).split('\r\n').filter((row) => row.includes('exampleton-cabinet-2020-04'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it('writes CSVs that open in a spreadsheet: byte-order mark, a file to save, absolute links, the columns a reader needs', async () => {
    for (const name of ['decisions', 'votes', 'successions', 'meetings']) {
      const response = await get(`/data/${name}.csv`);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}.csv"`);
      // The first three bytes are the UTF-8 byte-order mark (fetch's text() would hide it).
      expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    const decisions = await csvOf('/data/decisions.csv');
    expect(decisions.header).toEqual(
      expect.arrayContaining(['meeting_id', 'date', 'body_name', 'functions', 'places', 'motion', 'resolution', 'casting_vote']),
    );
    expect(decisions.header).toEqual(
      expect.arrayContaining(['part_2', 'schedule_12a_paragraph', 'public_summary', 'corrected', 'withdrawn_facts']),
    );
    for (const row of decisions.rows) expect(row.url).toBe(`${fixture.url}/decisions/${row.decision_id}`);
    const open = decisions.rows.find((row) => row.decision_id === `exampleton-cabinet-2020-01/carers-strategy/${CABINET}`)!;
    expect(open).toMatchObject({
      meeting_id: 'exampleton-cabinet-2020-01',
      meeting_url: `${fixture.url}/meetings/exampleton-cabinet-2020-01`,
      date: '2020-01-14',
      functions: 'adult social care',
      places: 'Wirral',
      part_2: 'no',
      resolution: 'Resolved on carers-strategy',
      for: '3',
      corrected: 'false',
    });
    // A Part 2 row holds only the public fields: no motion wording, no resolution.
    const part2 = decisions.rows.find((row) => row.decision_id === PART2_DECISION)!;
    expect(part2).toMatchObject({
      part_2: 'confidential',
      schedule_12a_paragraph: '3',
      public_summary: 'Care home contract: award approved',
      motion: '',
      resolution: '',
      outcome: 'carried',
    });
    const meetings = await csvOf('/data/meetings.csv');
    expect(meetings.rows.find((row) => row.meeting_id === 'exampleton-cabinet-2020-01')).toMatchObject({
      url: `${fixture.url}/meetings/exampleton-cabinet-2020-01`,
      date: '2020-01-14',
      body_ids: CABINET,
      decisions: '3',
      confidential_decisions: '2',
    });
    // Every meeting with a decision public has its row, and only those.
    expect(new Set(meetings.rows.map((row) => row.meeting_id))).toEqual(
      new Set(decisions.rows.filter((row) => row.kind === 'meeting').map((row) => row.meeting_id)),
    );
    const everything = JSON.stringify([decisions, meetings]);
    for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER]) expect(everything).not.toContain(marker);
  });

  it('gives the casting vote, and says in the CSV that a fact of a decision was corrected or withdrawn', async () => {
    const post = async (path: string, body: object) =>
      (
        await fixture.ledger
          .http()
          .post(path)
          .set('Authorization', fixture.ledger.keys.admin)
          .send({ source: { title: 'test' }, ...body })
          .expect((r) => {
            if (r.status !== 201) throw new Error(JSON.stringify(r.body));
          })
      ).body;
    const meeting = '/meetings/exampleton-cabinet-2020-05';
    const members = ['leader', 'deputy', 'portfolio'].map((role) => `${CABINET}-${role}`);
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2020-05',
      date: '2020-05-12',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    const item = `${meeting}/items/tied`;
    const added = await post(`${meeting}/items`, {
      itemId: 'tied',
      title: 'Tied vote',
      text: 'Spelt wrnog',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post(`${meeting}/attendance`, { present: members });
    const declared = await post(`${item}/declarations`, { membershipId: members[2], interest: 'a neighbour', action: 'noted' });
    await post(`${item}/votes`, { membershipId: members[0], vote: 'for' });
    await post(`${item}/votes`, { membershipId: members[1], vote: 'against' });
    await post(`${item}/decisions`, {
      bodyId: CABINET,
      outcome: 'carried',
      resolution: 'Carried on the casting vote',
      castingVote: { membershipId: members[0], vote: 'for' },
    });
    await fixture.published();
    const id = `exampleton-cabinet-2020-05/tied/${CABINET}`;
    const before = (await csvOf('/data/decisions.csv')).rows.find((row) => row.decision_id === id)!;
    expect(before).toMatchObject({ casting_vote: 'Cabinet leader: for', corrected: 'false', withdrawn_facts: 'false', corrections: '' });
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-05',
      correctedEventId: added.events[0].id,
      changes: { text: 'Spelt wrong' },
      reason: 'a typing error',
    });
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-05',
      correctedEventId: declared.events[0].id,
      withdrawn: true,
      reason: 'declared at the wrong item',
    });
    await fixture.published();
    const after = (await csvOf('/data/decisions.csv')).rows.find((row) => row.decision_id === id)!;
    expect(after).toMatchObject({ corrected: 'true', withdrawn_facts: 'true' });
    expect(after.corrections).toMatch(/^\d{4}-\d{2}-\d{2}: a typing error; \d{4}-\d{2}-\d{2} \(withdrawn\): declared at the wrong item$/);
  });

  it('says a Part 2 decision was corrected without the reason, which may speak of the confidential content', async () => {
    const reason = 'MARKER-CORRECTION-REASON-7f3a';
    const interest = 'MARKER-CORRECTED-INTEREST-7f3a';
    const stream = 'meeting-exampleton-cabinet-2020-01';
    const events = await (fixture.ledger.app.get(EVENT_STORE) as EventStore).readStream(stream);
    const declared = events.find((event) => event.type === 'InterestDeclared')!;
    await fixture.ledger
      .http()
      .post('/corrections')
      .set('Authorization', fixture.ledger.keys.admin)
      .send({ source: { title: 'test' }, stream, correctedEventId: declared.id, changes: { interest }, reason })
      .expect(201);
    await fixture.published();
    const row = (await csvOf('/data/decisions.csv')).rows.find((r) => r.decision_id === PART2_DECISION)!;
    expect(row).toMatchObject({ part_2: 'confidential', corrected: 'true' });
    expect(row.corrections).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const everything = (await Promise.all(PUBLIC_PATHS.map(text))).join('\n') + databaseBytes();
    for (const marker of [reason, interest]) expect(everything).not.toContain(marker);
  });

  it('builds the links from PUBLIC_BASE_URL when it is set, else from a plausible Host header, and refuses any other', async () => {
    const withHost = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${fixture.url}/data/meetings.csv`);
        const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        request.end();
      });
    const named = await withHost('Ledger.Example.org:8080');
    expect(named.status).toBe(200);
    expect(named.body).toContain('http://ledger.example.org:8080/meetings/');
    for (const host of ['evil"><script>', 'a b', 'x.example/path', 'user@host']) {
      const refused = await withHost(host);
      expect(refused.status).toBe(400);
      expect(refused.body).not.toContain(host);
    }
    const site = new PublicSite(process.env.LEDGER_DATA_DIR as string, 0, 'https://ledger.example.org/public/');
    const server = site.server().listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/data/decisions.csv`);
      const { rows } = openCsv(new Uint8Array(await response.arrayBuffer()));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.url).toBe(`https://ledger.example.org/public/decisions/${row.decision_id}`);
    } finally {
      server.close();
      site.close();
    }
    expect(() => new PublicSite(process.env.LEDGER_DATA_DIR as string, 0, 'javascript:alert(1)')).toThrow(/PUBLIC_BASE_URL/);
  });

  it('writes dates in words on every page: no ISO date and no “not including” in what a reader reads', async () => {
    for (const path of PUBLIC_PATHS.filter((path) => !path.startsWith('/data/'))) {
      const read = await words(path);
      expect([path, read.match(/\b\d{4}-\d{2}-\d{2}\b/)?.[0]]).toEqual([path, undefined]);
      expect([path, /not including/.test(read)]).toEqual([path, false]);
    }
    expect(await words('/bodies/nhs-vale-royal-ccg')).toMatch(/merged into NHS Cheshire CCG on 1 April 2020 \(merger\)/);
    // A closed-open interval is read by its last day: [2013-04-01, 2020-04-01) ends on 31 March 2020.
    expect(await words('/bodies/nhs-vale-royal-ccg')).toMatch(/Existed \S*\s*1 April 2013 to 31 March 2020/);
  });

  it('names bodies and members in a verdict, never their identifiers', async () => {
    const page = await text(`/decisions/${PART2_DECISION}`);
    const verdict = page.slice(page.indexOf('Was the decision valid?'), page.indexOf('id="sources-heading"')).replace(/<[^>]+>/g, ' ');
    expect(verdict).toMatch(/Exampleton Council Cabinet|Exampleton Council Executive/);
    expect(verdict).toContain('adult social care in Wirral');
    expect(verdict).toMatch(/\d{1,2} January 2020/);
    for (const identifier of [CABINET, COUNCIL, 'adult-social-care', `${CABINET}-leader`, '2020-01-14'])
      expect(verdict).not.toContain(identifier);
  });

  it('lists the bodies by name, each committee under the body it is a committee of', async () => {
    const page = await text('/bodies');
    const rows = [...page.matchAll(/<tr>\s*<td class="(committee[^"]*|body)">\s*<a href="\/bodies\/([^"]+)">([^<]+)<\/a>/g)].map(
      ([, kind, id, name]) => ({ committee: kind !== 'body', id, name }),
    );
    expect(rows.length).toBeGreaterThan(20);
    const councilAt = rows.findIndex((row) => row.id === COUNCIL);
    expect(rows[councilAt + 1]).toMatchObject({ id: CABINET, committee: true });
    const topLevel = rows.filter((row) => !row.committee).map((row) => row.name.toLowerCase());
    expect(topLevel).toEqual([...topLevel].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));
    expect(page.replace(/\s+/g, ' ')).toContain('Committee of Exampleton Council');
  });

  it('escapes recorded text: markup in a title is shown, never run', async () => {
    const search = await text(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(search).not.toContain('<script>alert(1)</script>');
    expect(search).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers 503 until the ledger has written the projection, and opens it once it exists', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'public-site-empty-'));
    try {
      const site = new PublicSite(empty);
      const server = site.server().listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
      server.close();
      site.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('loads no code of the event store, the keys or the ledger app beyond the rows it reads', () => {
    const loaded: string[] = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          '-e',
          "require('./apps/public/src/public-site'); console.log(JSON.stringify(Object.keys(require.cache)))",
        ],
        { cwd: join(__dirname, '..'), encoding: 'utf8' },
      ),
    );
    const ours = loaded.filter((path) => !path.includes('node_modules'));
    expect(ours.some((path) => path.includes('apps/public/src/public-site'))).toBe(true);
    expect(ours.filter((path) => /libs\/event-store|libs\/transparency-log|apps\/ledger\//.test(path))).toEqual([]);
    expect(loaded.filter((path) => /@nestjs|kurrentdb/.test(path))).toEqual([]);
  });
});

// Its own site: once the day has come, the lifted item is public for good, which the others must not see.
describe('the public site on the day a lift of confidentiality takes effect', () => {
  let fixture: PublicSiteFixture;
  const { text } = pagesOf(() => fixture);

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 60_000);
  afterAll(() => fixture?.close());

  it('keeps an item lifted from a future date redacted until that date, then shows it without a new event', async () => {
    const path = `/decisions/exampleton-cabinet-2020-01/day-centre-lease/${CABINET}`;
    expect(await text(path)).not.toContain(FUTURE_LIFT_MARKER);
    // The day comes: the projection's next refresh finds the lift in effect, with no event recorded.
    const today = jest.spyOn(fixture.ledger.app.get(Clock), 'today').mockReturnValue('2030-01-01');
    try {
      const before = (await fixture.ledger.head()).position;
      fixture.projection.refresh(before);
      await fixture.projection.caughtUpTo(before);
      await fixture.published();
      const page = await text(path);
      expect(page).toContain(FUTURE_LIFT_MARKER);
      expect(page).toContain('Confidentiality was lifted from 1 January 2030');
      // Its amendment too, while the other Part 2 item keeps its own and the general ones hidden.
      expect(page).toContain(FUTURE_LIFT_AMENDMENT_MARKER);
      const minuted = await text('/meetings/exampleton-cabinet-2020-01');
      expect(minuted).toContain(FUTURE_LIFT_AMENDMENT_MARKER);
      for (const hidden of [MARKERS.itemAmendment, MARKERS.amendment]) expect(minuted).not.toContain(hidden);
      // The other Part 2 item was never lifted: still redacted.
      expect(await text(`/decisions/${PART2_DECISION}`)).not.toContain(MARKERS.text);
    } finally {
      today.mockRestore();
    }
  });
});
