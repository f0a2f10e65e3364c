import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * GET /ledger/changes: what the ledger learned between two dates of knowledge. A correction, a withdrawal, an
 * erasure, a confidentiality imposed and one lifted, and a fact recorded late all appear, each with the key, the
 * person and the reason; confidential content reaches only a reader entitled to it; the CSV opens cleanly.
 */
const SECRET = 'MARKER-CHANGES-SECRET-8c1d';
const SECRET_CORRECTED = 'MARKER-CHANGES-CORRECTED-8c1d';
const COUNCIL = 'changes-council';
const CABINET = 'changes-council-cabinet';
const source = { title: 'Changes test minutes', illustrative: true };

describe('GET /ledger/changes and GET /corrections', () => {
  let ledger: LedgerTestApp;
  let before: number;
  let adminKeyId: string;
  const events = () => (ledger.app.get(EVENT_STORE) as EventStore).readAll();
  const post = async (path: string, body: object, key = ledger.keys.admin) => {
    const response = await ledger
      .http()
      .post(path)
      .set('Authorization', key)
      .send({ source, ...body });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { events: { id: string }[]; position: number };
  };
  const changes = async (query: string, key?: string) => {
    const request = ledger.http().get(`/ledger/changes?${query}`);
    return (await (key ? request.set('Authorization', key) : request).expect(200)).body;
  };

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8'));
    adminKeyId = ledger.keys.admin.split('_')[1];
    before = (await ledger.head()).position;

    await post('/bodies', {
      bodyId: COUNCIL,
      kind: 'local-authority',
      name: 'Changes Council',
      areas: ['wirral'],
      effective: '2013-04-01',
    });
    await post('/bodies', {
      bodyId: CABINET,
      kind: 'committee',
      name: 'Changes Council Cabinet',
      parentBodyId: COUNCIL,
      areas: ['wirral'],
      effective: '2013-04-01',
    });
    for (const role of ['leader', 'deputy']) {
      await post(`/bodies/${CABINET}/memberships`, {
        membershipId: `${CABINET}-${role}`,
        member: { seat: `Cabinet ${role}` },
        role,
        voting: true,
        from: '2013-04-01',
      });
    }
    // A fact recorded years after it happened.
    await post(`/bodies/${COUNCIL}/memberships`, {
      membershipId: `${COUNCIL}-late`,
      member: { seat: 'Late councillor' },
      role: 'member',
      voting: true,
      from: '2015-05-07',
    });
    await post('/meetings', {
      meetingId: 'changes-meeting',
      date: '2020-01-14',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    const part2 = { paragraph: 3, publicInterestReason: 'prices are commercially sensitive', publicSummary: 'A contract was awarded' };
    await post('/meetings/changes-meeting/items', {
      itemId: 'secret',
      title: 'Contract',
      text: SECRET,
      functions: ['adult-social-care'],
      areas: ['wirral'],
      confidential: part2,
    });
    await post('/meetings/changes-meeting/items', {
      itemId: 'erased',
      title: 'Lease',
      text: 'to be erased',
      functions: ['adult-social-care'],
      areas: ['wirral'],
      confidential: part2,
    });
    await post('/meetings/changes-meeting/items', {
      itemId: 'open',
      title: 'Strategy',
      text: 'Open text',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
  });
  afterAll(() => ledger.close());

  it('lists a correction, a withdrawal, an erasure, an imposition, a lift and a late fact, each with key, person and reason', async () => {
    const all = await events();
    const stored = (predicate: (event: RecordedEvent) => boolean) => all.find(predicate)!;
    const late = stored(
      (event) => event.type === 'MemberAppointed' && (event.data as { membershipId: string }).membershipId === `${COUNCIL}-late`,
    );
    const established = stored((event) => event.type === 'BodyEstablished' && event.stream === `body-${COUNCIL}`);
    const secretItem = stored((event) => event.type === 'AgendaItemAdded' && (event.data as { itemId: string }).itemId === 'secret');
    const middle = (await ledger.head()).position;

    await post('/corrections', {
      stream: `body-${COUNCIL}`,
      correctedEventId: established.id,
      reason: 'the name was the informal one',
      changes: { name: 'Changes Borough Council' },
    });
    await post('/corrections', {
      stream: `body-${COUNCIL}`,
      correctedEventId: late.id,
      reason: 'recorded against the wrong council',
      withdrawn: true,
    });
    await post('/corrections', {
      stream: 'meeting-changes-meeting',
      correctedEventId: secretItem.id,
      reason: 'the text was the draft',
      changes: { text: SECRET_CORRECTED },
    });
    await post('/meetings/changes-meeting/items/erased/erasures', { reason: 'personal data published in error' });
    await post('/meetings/changes-meeting/items/open/confidentiality-imposed', {
      paragraph: 1,
      publicInterestReason: 'it names an employee',
      publicSummary: 'A staffing matter',
    });
    await post('/meetings/changes-meeting/items/secret/confidentiality-lifted', {
      effective: '2099-01-01',
      reason: 'the contract is signed',
    });

    const page = await changes(`from=${before + 1}`);
    expect(page).toMatchObject({ from: { position: before + 1 }, body: null, next: null });
    const byKind = (kind: string) => page.changes.filter((change: { kind: string }) => change.kind === kind);
    const signedBy = { key: adminKeyId, person: 'Ada Admin', role: 'admin' };

    expect(byKind('recorded')).toContainEqual(
      expect.objectContaining({
        position: late.globalPosition,
        type: 'MemberAppointed',
        validTime: '2015-05-07',
        about: `Late councillor appointed member of ${COUNCIL}`,
        ...signedBy,
        reason: null,
      }),
    );
    expect(byKind('corrected')).toContainEqual(
      expect.objectContaining({
        ...signedBy,
        reason: 'the name was the informal one',
        about: `correction of: Changes Council (${COUNCIL}) established, a local-authority`,
        corrects: expect.objectContaining({ eventId: established.id, position: established.globalPosition }),
        fields: [{ field: 'name', before: 'Changes Council', after: 'Changes Borough Council' }],
      }),
    );
    expect(byKind('withdrawn')).toEqual([
      expect.objectContaining({
        ...signedBy,
        reason: 'recorded against the wrong council',
        corrects: expect.objectContaining({ eventId: late.id }),
        fields: [],
      }),
    ]);
    expect(byKind('erased')).toEqual([
      expect.objectContaining({
        ...signedBy,
        reason: 'personal data published in error',
        about: 'the content of item erased of meeting changes-meeting erased',
      }),
    ]);
    expect(byKind('made-confidential')).toEqual([expect.objectContaining({ ...signedBy, reason: 'it names an employee' })]);
    expect(byKind('confidentiality-lifted')).toEqual([
      expect.objectContaining({ ...signedBy, reason: 'the contract is signed', validTime: '2099-01-01' }),
    ]);

    // The corrected text of the Part 2 item: the public reader gets it withheld, the auditor reads it.
    const textChange = (answer: { changes: { fields: { field: string; before: unknown; after: unknown }[] }[] }) =>
      answer.changes.flatMap((change) => change.fields).find((field) => field.field === 'text');
    expect(JSON.stringify(page)).not.toMatch(/MARKER-CHANGES/);
    expect(textChange(page)).toEqual({ field: 'text', before: '[confidential]', after: '[confidential]' });
    const audited = await changes(`from=${middle + 1}`, ledger.keys.auditor);
    expect(textChange(audited)).toEqual({ field: 'text', before: SECRET, after: SECRET_CORRECTED });

    // GET /corrections: the corrections and withdrawals alone.
    const corrections = (
      await ledger
        .http()
        .get(`/corrections?from=${middle + 1}`)
        .expect(200)
    ).body.changes;
    expect(corrections.map((change: { kind: string }) => change.kind)).toEqual(['corrected', 'withdrawn', 'corrected']);
  });

  it('gives the CSV in the same order, one row a change, that a CSV reader splits cleanly', async () => {
    const response = await ledger
      .http()
      .get(`/ledger/changes?from=${before + 1}&format=csv`)
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(response.text);
    expect(rows[0]).toEqual([
      'position',
      'recorded_at',
      'kind',
      'type',
      'stream',
      'about',
      'valid_time',
      'key',
      'person',
      'role',
      'reason',
      'corrects_position',
      'changed_fields',
      'event_id',
    ]);
    const json = (await changes(`from=${before + 1}`)).changes;
    expect(rows.slice(1).map((row) => [Number(row[0]), row[2], row[5]])).toEqual(
      json.map((change: { position: number; kind: string; about: string }) => [change.position, change.kind, change.about]),
    );
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
    expect(rows.find((row) => row[2] === 'corrected' && row[12].startsWith('name'))?.[12]).toBe(
      'name: Changes Council → Changes Borough Council',
    );
    expect(response.text).not.toMatch(/MARKER-CHANGES/);
  });

  it('pages in order without losing or repeating a change, by position or by time, for a body and its committees', async () => {
    const whole = (await changes(`from=${before + 1}&body=${COUNCIL}`)).changes.map((change: { position: number }) => change.position);
    expect(whole.length).toBeGreaterThan(6);
    const paged: number[] = [];
    let after: number | null = null;
    do {
      const page: { changes: { position: number }[]; next: number | null } = await changes(
        `from=${before + 1}&body=${COUNCIL}&limit=3${after ? `&after=${after}` : ''}`,
      );
      paged.push(...page.changes.map((change) => change.position));
      after = page.next;
    } while (after !== null);
    expect(paged).toEqual(whole);
    // The committee's meeting is the council's too; the seeded bodies are not.
    const streams = new Set(
      (await changes(`from=${before + 1}&body=${COUNCIL}`)).changes.map((change: { stream: string }) => change.stream),
    );
    expect([...streams].sort()).toEqual([`body-${COUNCIL}`, `body-${CABINET}`, 'meeting-changes-meeting']);
    expect((await changes(`body=${CABINET}&from=${before + 1}`)).body).toEqual({ id: CABINET, withCommittees: [] });

    // By time: from the moment the council was recorded.
    const all = await events();
    const first = all.find((event) => event.globalPosition === before + 1)!;
    const byTime = await changes(`from=${encodeURIComponent(first.recordedAt)}&to=${encodeURIComponent(all[all.length - 1].recordedAt)}`);
    expect(byTime.from.position).toBe(before + 1);
    expect(byTime.to.position).toBe(all[all.length - 1].globalPosition);
  });

  it.each([
    ['from=yesterday', 400, 'invalid-field', 'from'],
    ['to=99999999', 400, 'basis-not-reached', 'to'],
    ['to=2999-01-01T00:00:00Z', 400, 'basis-not-reached', 'to'],
    ['from=20&to=10', 400, 'invalid-field', 'to'],
    ['limit=0', 400, 'invalid-field', 'limit'],
    ['format=xml', 400, 'invalid-field', 'format'],
    ['body=no-such-body', 404, 'unknown-reference', undefined],
  ])('refuses %s with %i %s, in the one error shape', async (query, status, rule, field) => {
    await ledger.expectNothingWritten(async () => {
      const answer = await ledger.http().get(`/ledger/changes?${query}`).expect(status);
      expect(answer.body).toMatchObject({ statusCode: status, rule, ...(field ? { field } : {}) });
    });
  });
});

/** RFC 4180, as a CSV reader splits it: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      [row, cell] = [[], ''];
      i++;
    } else cell += char;
  }
  return rows;
}
