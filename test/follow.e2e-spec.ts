import { DOMParser, Element as XmlElement } from '@xmldom/xmldom';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { fold } from '../apps/public/src/follow';
import {
  CABINET,
  COUNCIL,
  FUTURE_LIFT_AMENDMENT_MARKER,
  FUTURE_LIFT_MARKER,
  MARKERS,
  PART2_DECISION,
  PublicSiteFixture,
  startPublicSite,
} from './public-site-fixture';

const ATOM = 'http://www.w3.org/2005/Atom';
const FEEDS = ['/feed.atom', `/bodies/${COUNCIL}/feed.atom`, `/bodies/${CABINET}/feed.atom`, '/places/wirral/feed.atom'];
const CALENDARS = ['/meetings.ics', `/bodies/${COUNCIL}/meetings.ics`];

/** An Atom document read by a real XML parser (xmldom throws on what is not well-formed XML). */
function atom(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
    text,
    'application/xml',
  );
  expect(errors).toEqual([]);
  const feed = doc.documentElement!;
  expect([feed.namespaceURI, feed.localName]).toEqual([ATOM, 'feed']);
  const child = (parent: XmlElement, name: string) =>
    Array.from(parent.getElementsByTagNameNS(ATOM, name)).filter((e) => e.parentNode === parent);
  const one = (parent: XmlElement, name: string) => {
    const found = child(parent, name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  /** RFC 4287 §4.1.1 and §4.1.2: a feed and each entry have one id, title and updated (an RFC 3339 date-time). */
  const entries = child(feed, 'entry').map((entry) => {
    const updated = one(entry, 'updated').textContent!;
    expect(updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    return {
      id: one(entry, 'id').textContent!,
      title: one(entry, 'title').textContent!,
      updated,
      link: child(entry, 'link')
        .find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')!
        .getAttribute('href')!,
      summary: one(entry, 'summary').textContent!,
    };
  });
  one(feed, 'title');
  expect(one(feed, 'updated').textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(one(feed, 'id').textContent).toMatch(/^http:\/\//);
  expect(child(feed, 'author').length + (entries.length === 0 ? 1 : 0)).toBeGreaterThan(0);
  return {
    entries,
    self: child(feed, 'link')
      .find((l) => l.getAttribute('rel') === 'self')!
      .getAttribute('href'),
  };
}

/** An iCalendar file as RFC 5545 reads it: CRLF lines of at most 75 octets, unfolded, then components of properties. */
function calendar(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  }
  const lines = text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  const stack: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT') events.push(current!);
      current = undefined;
    } else if (current) current[name] = value;
  }
  expect(stack).toEqual([]);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines).toContain('VERSION:2.0');
  expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
  /** TEXT values unescaped (RFC 5545 §3.3.11). */
  const unescaped = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  return events.map((event) => Object.fromEntries(Object.entries(event).map(([k, v]) => [k, unescaped(v)])));
}

describe('following the ledger: Atom feeds and iCalendar files', () => {
  let fixture: PublicSiteFixture;
  const text = async (path: string) => {
    const response = await fetch(`${fixture.url}${path}`);
    expect([path, response.status]).toEqual([path, 200]);
    return { body: await response.text(), type: response.headers.get('content-type') };
  };
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

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 90_000);
  afterAll(() => fixture?.close());

  it('serves valid Atom feeds with absolute links and ids, for the ledger, a body with its committees, and a place', async () => {
    for (const path of FEEDS) {
      const { body, type } = await text(path);
      expect(type).toBe('application/atom+xml; charset=utf-8');
      const feed = atom(body);
      expect(feed.self).toBe(`${fixture.url}${path}`);
      expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
      for (const entry of feed.entries) {
        expect(entry.link).toMatch(new RegExp(`^${fixture.url}/(decisions|meetings|bodies)/`));
        expect(entry.id).toMatch(new RegExp(`^${fixture.url}/(decisions|meetings)/`));
      }
    }
    // The council's feed holds its cabinet's decisions; the ledger's feed holds them too, with the same ids.
    const council = atom((await text(`/bodies/${COUNCIL}/feed.atom`)).body);
    const part2 = council.entries.find((e) => e.id === `${fixture.url}/decisions/${PART2_DECISION}`)!;
    expect(part2.summary).toContain('Care home contract: award approved');
    expect(part2.updated).not.toMatch(/T00:00:00/);
    const again = atom((await text(`/bodies/${COUNCIL}/feed.atom`)).body);
    expect(again.entries).toEqual(council.entries);
    // A body of another area has none of them.
    const other = atom((await text('/bodies/nhs-vale-royal-ccg/feed.atom')).body);
    expect(other.entries.some((e) => e.id.includes('exampleton'))).toBe(false);
    const wirral = atom((await text('/places/wirral/feed.atom')).body);
    expect(wirral.entries.some((e) => e.id.includes(PART2_DECISION))).toBe(true);
    for (const path of [
      '/places/atlantis/feed.atom',
      '/places/__proto__/feed.atom',
      '/bodies/no-such-body/feed.atom',
      `/bodies/${COUNCIL}/feed.rss`,
    ])
      expect([path, (await fetch(`${fixture.url}${path}`)).status]).toEqual([path, 404]);
  });

  it('serves iCalendar files of the meetings: all-day events with stable UIDs, absolute URLs, CRLF and folded lines', async () => {
    for (const path of CALENDARS) {
      const { body, type } = await text(path);
      expect(type).toBe('text/calendar; charset=utf-8');
      const events = calendar(body);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        expect(event.UID).toBeTruthy();
        expect(event.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
        // All-day where the ledger knows the day only; a UTC date-time where it knows the time.
        expect(event['DTSTART;VALUE=DATE'] ?? event.DTSTART).toMatch(/^\d{8}(T\d{6}Z)?$/);
        expect(event.SUMMARY).toMatch(/^Meeting of /);
        // The meeting's page once it has a public decision, else its body's.
        expect(event.URL).toMatch(new RegExp(`^${fixture.url}/meetings/`));
      }
      expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
    }
    // Long lines are folded (the seeded meetings' descriptions are), never inside a UTF-8 sequence.
    expect((await text('/meetings.ics')).body).toMatch(/\r\n /);
    const folded = fold(`DESCRIPTION:${'é’'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é’'.repeat(60)}`);
    const council = calendar((await text(`/bodies/${COUNCIL}/meetings.ics`)).body);
    const january = council.find((e) => e.URL.endsWith('/meetings/exampleton-cabinet-2020-01'))!;
    expect(january['DTSTART;VALUE=DATE']).toBe('20200114');
    expect(january.SUMMARY).toBe('Meeting of Exampleton Council Cabinet');
    const all = calendar((await text('/meetings.ics')).body);
    expect(all.find((e) => e.URL === january.URL)!.UID).toBe(january.UID);
    expect(all.length).toBeGreaterThan(council.length);
  });

  it('follows meetings scheduled, agendas published and cancellations, with the time where it is known', async () => {
    const schedule = (meetingId: string, date: string, time?: string) =>
      post('/meetings', { meetingId, date, ...(time ? { time } : {}), inCommon: false, bodies: [{ bodyId: CABINET, quorum: 2 }] });
    await schedule('exampleton-cabinet-2027-06', '2027-06-10', '10:00');
    await schedule('exampleton-cabinet-2026-12', '2026-12-15');
    await post('/meetings/exampleton-cabinet-2026-12/agenda-publications', { publishedOn: '2026-12-04' });
    await post('/meetings/exampleton-cabinet-2027-06/cancellation', { reason: 'no business to transact' });
    await fixture.published();
    const events = calendar((await text(`/bodies/${COUNCIL}/meetings.ics`)).body);
    const june = events.find((e) => e.UID === 'meeting/exampleton-cabinet-2027-06@commissioning-decision-ledger')!;
    // 10:00 in London on a summer day is 09:00 UTC.
    expect(june).toMatchObject({
      DTSTART: '20270610T090000Z',
      STATUS: 'CANCELLED',
      URL: `${fixture.url}/meetings/exampleton-cabinet-2027-06`,
    });
    const december = events.find((e) => e.UID === 'meeting/exampleton-cabinet-2026-12@commissioning-decision-ledger')!;
    expect(december).toMatchObject({ 'DTSTART;VALUE=DATE': '20261215', 'DTEND;VALUE=DATE': '20261216' });
    expect(december.DESCRIPTION).toBe('Agenda published on 4 December 2026.');
    const feed = atom((await text(`/bodies/${COUNCIL}/feed.atom`)).body);
    const titles = feed.entries.map((e) => e.title);
    expect(titles).toContain('Meeting scheduled: Exampleton Council Cabinet, 10 June 2027 at 10:00');
    expect(titles).toContain('Meeting cancelled: Exampleton Council Cabinet, 10 June 2027 at 10:00');
    expect(titles).toContain('Agenda published: Exampleton Council Cabinet, 15 December 2026');
    const agenda = feed.entries.find((e) => e.id === `${fixture.url}/meetings/exampleton-cabinet-2026-12#agenda`)!;
    expect(agenda.updated).not.toMatch(/T00:00:00/);
    // Another body's feed and calendar have none of them.
    expect((await text('/bodies/nhs-vale-royal-ccg/meetings.ics')).body).not.toContain('exampleton-cabinet-2026-12');
  });

  it('links the feeds from the home and body pages, in the head and in a visible Follow section', async () => {
    for (const [path, feed] of [
      ['/', '/feed.atom'],
      [`/bodies/${COUNCIL}`, `/bodies/${COUNCIL}/feed.atom`],
      ['/authority/adult-social-care/wirral', '/places/wirral/feed.atom'],
      ['/authority?area=cheshire-west-and-chester', '/places/cheshire-west-and-chester/feed.atom'],
    ]) {
      const page = (await text(path)).body;
      expect(page).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${feed}"`));
      expect(page).toContain('<h2 id="follow-heading">Follow</h2>');
      expect(page).toContain(`<a href="${feed}" type="application/atom+xml">`);
    }
  });

  it('says a correction in the feed and on the page: when, why, before and after, and where the ledger records it', async () => {
    const meeting = '/meetings/exampleton-cabinet-2020-07';
    const members = ['leader', 'deputy', 'portfolio'].map((role) => `${CABINET}-${role}`);
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2020-07',
      date: '2020-07-14',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    await post(`${meeting}/items`, {
      itemId: 'respite',
      title: 'Respite beds',
      text: 'Open text',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post(`${meeting}/attendance`, { present: members });
    const vote = await post(`${meeting}/items/respite/votes`, { membershipId: members[0], vote: 'against' });
    for (const m of members.slice(1)) await post(`${meeting}/items/respite/votes`, { membershipId: m, vote: 'for' });
    await post(`${meeting}/items/respite/decisions`, { bodyId: CABINET, outcome: 'carried', resolution: 'Respite beds commissioned' });
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-07',
      correctedEventId: vote.events[0].id,
      changes: { vote: 'for' },
      reason: 'the clerk recorded the leader’s vote wrongly',
    });
    await fixture.published();
    const id = `exampleton-cabinet-2020-07/respite/${CABINET}`;
    const feed = atom((await text('/feed.atom')).body);
    const correction = feed.entries.find((e) => e.id.startsWith(`${fixture.url}/decisions/${id}#correction-`))!;
    expect(correction.title).toMatch(/^Corrected on \d{1,2} [A-Z][a-z]+ \d{4}: Respite beds$/);
    expect(correction.summary).toContain('the clerk recorded the leader’s vote wrongly');
    expect(correction.summary).toContain('vote: was “against”, now “for”');
    expect(correction.link).toBe(correction.id);
    expect(feed.entries.some((e) => e.id === `${fixture.url}/decisions/${id}`)).toBe(true);
    const page = (await text(`/decisions/${id}`)).body.replace(/\s+/g, ' ');
    expect(page).toMatch(/Corrected on \d{1,2} [A-Z][a-z]+ \d{4}:<\/strong> the clerk recorded the leader’s vote wrongly\./);
    expect(page).toContain('vote: was “against”, now “for”');
    expect(page).toContain(`id="correction-${correction.id.split('#correction-')[1]}"`);
    const bodyPage = (await text(`/bodies/${COUNCIL}`)).body;
    expect(bodyPage).toMatch(/14 July 2020: Respite beds — carried \(corrected on \d{1,2} [A-Z][a-z]+ \d{4}\)/);
    const meetingPage = (await text(meeting)).body;
    expect(meetingPage).toMatch(/Respite beds<\/a>\s*\(corrected on \d{1,2} [A-Z][a-z]+ \d{4}\)/);
  });

  it('shows a withdrawn decision as withdrawn, on its page and in the feed, never making it vanish', async () => {
    const meeting = '/meetings/exampleton-cabinet-2020-08';
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2020-08',
      date: '2020-08-11',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    await post(`${meeting}/items`, {
      itemId: 'transport',
      title: 'Patient transport',
      text: 'Open',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post(`${meeting}/attendance`, { present: ['leader', 'deputy'].map((role) => `${CABINET}-${role}`) });
    const decided = await post(`${meeting}/items/transport/decisions`, {
      bodyId: CABINET,
      outcome: 'agreed-without-vote',
      resolution: 'Agreed',
    });
    await fixture.published();
    const path = `/decisions/exampleton-cabinet-2020-08/transport/${CABINET}`;
    expect((await text(path)).body).toContain('Agreed');
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-08',
      correctedEventId: decided.events[0].id,
      withdrawn: true,
      reason: 'recorded against the wrong meeting',
    });
    await fixture.published();
    const page = (await text(path)).body.replace(/\s+/g, ' ');
    expect(page).toContain('<h1>Patient transport</h1>');
    expect(page).toMatch(/Withdrawn on \d{1,2} [A-Z][a-z]+ \d{4}:<\/strong> recorded against the wrong meeting\./);
    const feed = atom((await text(`/bodies/${COUNCIL}/feed.atom`)).body);
    const entry = feed.entries.find((e) => e.link === `${fixture.url}${path}` && e.title.startsWith('Decision withdrawn on '))!;
    expect(entry.title).toMatch(/: Patient transport$/);
    expect(entry.summary).toContain('recorded against the wrong meeting');
  });

  it('links a correction to the ledger’s record when LEDGER_PUBLIC_URL is set', async () => {
    const { PublicSite } = await import('../apps/public/src/public-site');
    const site = new PublicSite(process.env.LEDGER_DATA_DIR as string, 0, undefined, 'https://ledger.example.org/');
    const server = site.server().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const page = await (await fetch(`http://127.0.0.1:${port}/decisions/exampleton-cabinet-2020-07/respite/${CABINET}`)).text();
      // The correction recorded by the test before.
      expect(page).toMatch(/href="https:\/\/ledger\.example\.org\/corrections\?from=[^"]+&amp;to=[^"]+"/);
      expect(page).toContain("The ledger's record of this change");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      site.close();
    }
  });

  it('never lets a Part 2 marker, nor a Part 2 correction’s reason, reach a feed or a calendar', async () => {
    const reason = 'MARKER-FEED-CORRECTION-REASON-7f3a';
    const events = await (fixture.ledger.app.get(EVENT_STORE) as EventStore).readStream('meeting-exampleton-cabinet-2020-01');
    const declared = events.find((event) => event.type === 'InterestDeclared')!;
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-01',
      correctedEventId: declared.id,
      changes: { interest: 'MARKER-FEED-CORRECTED-INTEREST-7f3a' },
      reason,
    });
    await fixture.published();
    const everything = (await Promise.all([...FEEDS, ...CALENDARS].map(async (path) => (await text(path)).body))).join('\n');
    for (const marker of [
      ...Object.values(MARKERS),
      FUTURE_LIFT_MARKER,
      FUTURE_LIFT_AMENDMENT_MARKER,
      reason,
      'MARKER-FEED-CORRECTED-INTEREST-7f3a',
    ])
      expect(everything).not.toContain(marker);
    // The test would see them: the public summary and the correction of the Part 2 item are there.
    expect(everything).toContain('Care home contract: award approved');
    const council = atom((await text(`/bodies/${COUNCIL}/feed.atom`)).body);
    const part2 = council.entries.find((e) => e.id.startsWith(`${fixture.url}/decisions/${PART2_DECISION}#correction-`))!;
    expect(part2.summary).toMatch(/^Corrected on .*\(the reason is confidential\)\.$/);
    // Withdrawn, the Part 2 decision stays, with its day and without the reason.
    const withdrawnReason = 'MARKER-FEED-WITHDRAWAL-REASON-7f3a';
    const decided = events.find(
      (event) => event.type === 'DecisionRecorded' && (event.data as { itemId?: string }).itemId === 'day-centre-lease',
    )!;
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2020-01',
      correctedEventId: decided.id,
      withdrawn: true,
      reason: withdrawnReason,
    });
    await fixture.published();
    const page = (await text(`/decisions/${PART2_DECISION}`)).body;
    expect(page).toContain('the reason is not published while the item is confidential');
    const after = (
      await Promise.all([...FEEDS, ...CALENDARS, `/decisions/${PART2_DECISION}`].map(async (path) => (await text(path)).body))
    ).join('\n');
    expect(after).not.toContain(withdrawnReason);
    expect(after).toContain('Decision withdrawn on ');
    for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER]) expect(after).not.toContain(marker);
  });
});
