import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { CABINET, COUNCIL, MARKERS, PublicSiteFixture, startPublicSite } from './public-site-fixture';

/** Issue 22, item 3: a page for every meeting, scheduled, held or cancelled, with or without a decision. */
const SCHEDULED = 'exampleton-cabinet-2027-01';
const HELD = 'exampleton-cabinet-2019-12';
const LATE_REASON_MARKER = 'MARKER-LATE-REASON-7f3a';
const SCHEDULED_TEXT_MARKER = 'MARKER-SCHEDULED-ITEM-TEXT-7f3a';

describe('meeting pages on the public site', () => {
  let fixture: PublicSiteFixture;
  const source = { title: 'Exampleton Council cabinet agenda', illustrative: true };
  const post = async (path: string, body: object) => {
    const response = await fixture.ledger
      .http()
      .post(path)
      .set('Authorization', fixture.ledger.keys.admin)
      .send({ source, ...body });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const page = async (path: string) => {
    const response = await fetch(`${fixture.url}${path}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** A page's words, as a reader sees them. */
  const words = async (path: string) => (await page(path)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  const item = (itemId: string, extra: object = {}) => ({
    itemId,
    title: `The ${itemId}`,
    text: `Text of ${itemId}`,
    functions: [],
    areas: [],
    ...extra,
  });

  beforeAll(async () => {
    fixture = await startPublicSite();
    // Scheduled, not yet held (the site's today is the real one): an agenda published on time, then a Part 2 item added late.
    await post('/meetings', {
      meetingId: SCHEDULED,
      date: '2027-01-20',
      time: '14:00',
      location: 'Wallasey Town Hall',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    await post(`/meetings/${SCHEDULED}/items`, item('budget'));
    await post(`/meetings/${SCHEDULED}/agenda-publications`, { publishedOn: '2026-12-04' });
    await post(`/meetings/${SCHEDULED}/items`, {
      ...item('lease', { text: SCHEDULED_TEXT_MARKER, lateReason: LATE_REASON_MARKER }),
      confidential: {
        paragraph: 3,
        publicInterestReason: 'the rent is commercially sensitive',
        publicSummary: 'A lease of the day centre',
      },
    });
    // Held, with its agenda published late (Friday 6 for Tuesday 10 December 2019), apologies, a substitute and an officer.
    await post(`/bodies/${CABINET}/memberships`, {
      membershipId: `${CABINET}-sub`,
      member: { seat: 'Cabinet substitute' },
      role: 'substitute',
      voting: true,
      from: '2013-04-01',
    });
    await post('/meetings', { meetingId: HELD, date: '2019-12-10', inCommon: false, bodies: [{ bodyId: CABINET, quorum: 2 }] });
    await post(`/meetings/${HELD}/items`, item('winter-pressures'));
    await post(`/meetings/${HELD}/items`, item('day-centres'));
    await post(`/meetings/${HELD}/agenda-publications`, { publishedOn: '2019-12-06' });
    await post(`/meetings/${HELD}/attendance`, {
      present: [`${CABINET}-leader`, `${CABINET}-deputy`],
      apologies: [`${CABINET}-portfolio`],
      substitutes: [{ membershipId: `${CABINET}-sub`, substituteFor: `${CABINET}-portfolio` }],
      inAttendance: [{ name: 'A. Officer', role: 'Director of Adult Social Care' }],
    });
    await post(`/meetings/${HELD}/arrivals`, { membershipId: `${CABINET}-leader`, beforeItem: 'day-centres' });
    await post(`/meetings/${HELD}/departures`, { membershipId: `${CABINET}-deputy`, afterItem: 'winter-pressures' });
    await post(`/meetings/${HELD}/items/winter-pressures/decisions`, {
      bodyId: CABINET,
      outcome: 'noted',
      resolution: 'Noted the winter pressures report',
    });
    await fixture.published();
  }, 90_000);
  afterAll(() => fixture?.close());

  it('gives a scheduled meeting with no decision its page: date and time in words, place, status and agenda in order', async () => {
    const text = await words(`/meetings/${SCHEDULED}`);
    expect(text).toContain('20 January 2027 at 14:00');
    expect(text).toContain('Wallasey Town Hall');
    expect(text).toContain('Exampleton Council Cabinet');
    expect(text).toContain('Scheduled.');
    expect(text).toContain('The agenda was published on time, on 4 December 2026');
    expect(text.indexOf('The budget')).toBeGreaterThan(-1);
    expect(text.indexOf('The lease')).toBeGreaterThan(text.indexOf('The budget'));
    // The Part 2 item by its title, paragraph and public summary only.
    expect(text).toContain('paragraph 3 of Schedule 12A');
    expect(text).toContain('A lease of the day centre');
    // Neither on the page nor in the public database file (its WAL too).
    const file = join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE);
    const bytes = [file, `${file}-wal`]
      .filter(existsSync)
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
    for (const marker of [SCHEDULED_TEXT_MARKER, LATE_REASON_MARKER]) {
      expect(text).not.toContain(marker);
      expect(bytes).not.toContain(marker);
    }
    // The test would see them: the public item's title is in the file.
    expect(bytes).toContain('The budget');
  });

  it('says the agenda was late, and shows apologies, a substitute, officers in attendance, who came late and who left early', async () => {
    const text = await words(`/meetings/${HELD}`);
    expect(text).toContain('10 December 2019');
    expect(text).toContain('Held.');
    expect(text).toMatch(/The agenda was published late, on 6 December 2019: \d clear working days? before the meeting/);
    expect(text).toMatch(/Apologies Cabinet portfolio \(Exampleton Council Cabinet\)/);
    expect(text).toContain('Cabinet substitute (Exampleton Council Cabinet), substitute for Cabinet portfolio');
    expect(text).toContain('A. Officer, Director of Adult Social Care');
    expect(text).toContain('Came in late or left early');
    expect(text).toContain('Cabinet leader (Exampleton Council Cabinet) came in before item 2, The day-centres');
    expect(text).toContain('Cabinet deputy (Exampleton Council Cabinet) left after item 1, The winter-pressures');
    // A meeting where nobody came late or left early does not say so.
    expect(await words(`/meetings/${SCHEDULED}`)).not.toContain('Came in late');
    expect(await page(`/meetings/${HELD}`)).toContain(`href="/decisions/${HELD}/winter-pressures/${CABINET}"`);
  });

  it('shows a Part 2 item’s declaration, call-in and minutes without their content, and the decision linked', async () => {
    const html = await page('/meetings/exampleton-cabinet-2020-01');
    for (const marker of Object.values(MARKERS)) expect(html).not.toContain(marker);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Cabinet portfolio (Exampleton Council Cabinet) — left the room for the item');
    expect(text).toContain('Call-in on 20 January 2020: called in; the decision was confirmed (3 February 2020)');
    expect(text).toMatch(/Approved subject to amendments at the meeting of 11 February 2020/);
    expect(text).toContain('Any other amendments are not public while an item of this meeting is confidential.');
    expect(html).toContain(`href="/decisions/exampleton-cabinet-2020-01/care-home-contract/${CABINET}"`);
  });

  it('lists upcoming meetings soonest first and past ones newest first, by body with its committees, a page at a time', async () => {
    const upcoming = await page('/meetings');
    expect(upcoming).toContain(`href="/meetings/${SCHEDULED}"`);
    expect(upcoming).not.toContain(`href="/meetings/${HELD}"`);
    const past = await page(`/meetings?when=past&body=${COUNCIL}`);
    expect(past).toContain(`href="/meetings/${HELD}"`);
    expect(past.indexOf('exampleton-cabinet-2020-02')).toBeLessThan(past.indexOf('exampleton-cabinet-2020-01'));
    expect(past.indexOf('exampleton-cabinet-2020-01')).toBeLessThan(past.indexOf(HELD));
    // Another body's list has none of them.
    expect(await page('/meetings?when=past&body=nhs-vale-royal-ccg')).not.toContain('exampleton-cabinet');
    expect((await fetch(`${fixture.url}/meetings?when=yesterday`)).status).toBe(400);
    expect((await fetch(`${fixture.url}/meetings?body=nowhere`)).status).toBe(400);
    const all = await page('/meetings?when=past');
    expect(all).toMatch(/Page 1 of \d+\./);
    expect(all).toContain('href="/meetings?when=past&amp;page=2"');
  });

  it('shows the latest decisions and the next meetings on the home page', async () => {
    const home = await page('/');
    expect(home).toContain('Latest decisions');
    expect(home).toContain(`href="/meetings/${SCHEDULED}"`);
    expect(home).toMatch(/href="\/decisions\/[^"]+"/);
  });

  it('says a meeting was rescheduled from its first date, and a cancelled one why', async () => {
    const moved = 'exampleton-cabinet-2027-02';
    const dropped = 'exampleton-cabinet-2027-03';
    for (const [meetingId, date] of [
      [moved, '2027-02-10'],
      [dropped, '2027-03-10'],
    ])
      await post('/meetings', { meetingId, date, inCommon: false, bodies: [{ bodyId: CABINET, quorum: 2 }] });
    await post(`/meetings/${moved}/reschedulings`, { date: '2027-02-17', time: '10:00', reason: 'the chair is away' });
    await post(`/meetings/${dropped}/cancellation`, { reason: 'no business to transact' });
    await fixture.published();
    const text = await words(`/meetings/${moved}`);
    expect(text).toContain('17 February 2027 at 10:00');
    expect(text).toContain('Scheduled; rescheduled from 10 February 2027 (the chair is away).');
    expect(text).toContain('The agenda has not been published.');
    expect(await words(`/meetings/${dropped}`)).toContain('Cancelled: no business to transact.');
    // A cancelled meeting is not among the next meetings on the home page.
    expect(await page('/')).not.toContain(`href="/meetings/${dropped}"`);
  });

  it('keeps the lists’ indexes with the rows: each meeting’s bodies, and each body’s name, kind and parent', () => {
    const db = new Database(join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE), { readonly: true });
    try {
      const meetings = (db.prepare('SELECT meeting_id, date, meeting FROM public_meetings').all() as Record<string, string>[])
        .flatMap(({ meeting_id, date, meeting }) =>
          (JSON.parse(meeting).bodyIds as string[]).map((body) => `${body} ${date} ${meeting_id}`),
        )
        .sort();
      const indexed = (db.prepare('SELECT body_id, date, meeting_id FROM public_meeting_bodies').all() as Record<string, string>[])
        .map(({ body_id, date, meeting_id }) => `${body_id} ${date} ${meeting_id}`)
        .sort();
      expect(indexed).toEqual(meetings);
      expect(indexed.some((entry) => entry.endsWith(SCHEDULED))).toBe(true);
      const bodies = (db.prepare('SELECT id, kind, body FROM public_bodies ORDER BY id').all() as Record<string, string>[]).map(
        ({ id, kind, body }) => {
          const row = JSON.parse(body);
          return [id, row.names.at(-1)?.name ?? id, kind, row.parentBodyId ?? null, row.established, row.dissolved];
        },
      );
      const listed = db
        .prepare('SELECT id, name, kind, parent_body_id, established, dissolved FROM public_body_list ORDER BY id')
        .raw()
        .all();
      expect(listed).toEqual(bodies);
    } finally {
      db.close();
    }
  });

  it('answers 404 for a meeting never recorded', async () => {
    expect((await fetch(`${fixture.url}/meetings/nowhere`)).status).toBe(404);
  });
});
