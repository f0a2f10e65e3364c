import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentKeys } from '../apps/ledger/src/confidentiality/content-keys';
import { contentKeyRef } from '../apps/ledger/src/confidentiality/sealed-text';
import { ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Illustrative minutes', illustrative: true };
const MEETING = 'cabinet-2024-01';
const decisionPath = (itemId: string) => `/decisions/${MEETING}/${itemId}/wirral-cabinet`;

/** Every content text carries a marker naming its item and field, so an answer can be searched for any of them. */
const mark = (itemId: string, field: string) => `MARK-${itemId}-${field}`;

/**
 * The six leaks of Part 2 items, each over HTTP: a future lift, public text taken back (imposition and
 * erasure), an unrelated officer's key, the texts around an item, caching, and the bytes of the files.
 */
describe('confidential (Part 2) content over HTTP', () => {
  let ledger: LedgerTestApp;
  let dataDir: string;
  let beforeImposition: number;
  const post = (path: string, data: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...data });
  const given = async (...steps: [string, object][]) => {
    for (const [path, data] of steps) {
      const response = await post(path, data);
      expect({ path, status: response.status, body: response.status === 201 ? null : response.body }).toEqual({
        path,
        status: 201,
        body: null,
      });
    }
  };
  const read = (path: string, key?: string) => {
    const request = ledger.http().get(path);
    return (key ? request.set('Authorization', key) : request).expect(200);
  };
  /** A whole decided item, every content field marked. */
  const item = (itemId: string, confidential: boolean): [string, object][] => [
    [
      `/meetings/${MEETING}/items`,
      {
        itemId,
        title: `Title of ${itemId}`,
        text: mark(itemId, 'text'),
        functions: ['adult-social-care'],
        areas: ['wirral'],
        ...(confidential
          ? { confidential: { paragraph: 3, publicInterestReason: `reason for ${itemId}`, publicSummary: `Summary of ${itemId}` } }
          : {}),
      },
    ],
    [
      `/meetings/${MEETING}/items/${itemId}/declarations`,
      { membershipId: 'cab-3', interest: mark(itemId, 'interest'), action: 'withdrew' },
    ],
    [
      `/meetings/${MEETING}/items/${itemId}/motions`,
      { motionId: `${itemId}-motion`, wording: mark(itemId, 'wording'), mover: 'cab-1', seconder: 'cab-2' },
    ],
    [`/meetings/${MEETING}/items/${itemId}/votes`, { membershipId: 'cab-1', vote: 'for' }],
    [`/meetings/${MEETING}/items/${itemId}/votes`, { membershipId: 'cab-2', vote: 'for' }],
    [`/meetings/${MEETING}/items/${itemId}/decisions`, { outcome: 'carried', resolution: mark(itemId, 'resolution') }],
    [`/meetings/${MEETING}/items/${itemId}/call-ins`, { effective: '2024-01-20', reason: mark(itemId, 'callin') }],
  ];
  const ITEMS = ['part2', 'future-lift', 'past-lift', 'imposed', 'erased'];

  beforeAll(async () => {
    // A folder of our own: the ledger is restarted on it, and on a copy of it.
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-confidential-'));
    ledger = await startLedger(dataDir);
    await given(
      [
        '/bodies',
        { bodyId: 'wirral-council', kind: 'local-authority', name: 'Wirral Council', areas: ['wirral'], effective: '2013-04-01' },
      ],
      [
        '/bodies/wirral-council/statutory-functions',
        { functions: ['adult-social-care'], areas: ['wirral'], from: '2013-04-01', act: 'Care Act 2014' },
      ],
      [
        '/bodies',
        {
          bodyId: 'wirral-cabinet',
          kind: 'committee',
          name: 'Cabinet',
          parentBodyId: 'wirral-council',
          areas: ['wirral'],
          effective: '2013-04-01',
        },
      ],
      ['/bodies', { bodyId: 'nhs-other-ccg', kind: 'ccg', name: 'NHS Other CCG', areas: ['halton'], effective: '2013-04-01' }],
      ...['cab-1', 'cab-2', 'cab-3'].map((membershipId): [string, object] => [
        '/bodies/wirral-cabinet/memberships',
        { membershipId, member: { seat: membershipId }, role: 'member', voting: true, from: '2013-04-01' },
      ]),
      ['/meetings', { meetingId: MEETING, date: '2024-01-15', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }],
      [`/meetings/${MEETING}/attendance`, { present: ['cab-1', 'cab-2', 'cab-3'] }],
      ...item('part2', true),
      ...item('future-lift', true),
      ...item('past-lift', true),
      ...item('imposed', false),
      ...item('erased', false),
      ...item('withdrawn', false),
      [`/meetings/${MEETING}/items/future-lift/confidentiality-lifted`, { effective: '2030-01-01', reason: 'contract ends' }],
      [`/meetings/${MEETING}/items/past-lift/confidentiality-lifted`, { effective: '2024-02-01', reason: 'contract signed' }],
      ['/meetings', { meetingId: 'cabinet-2024-02', date: '2024-02-12', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }],
      [
        '/meetings/cabinet-2024-02/minutes-approvals',
        {
          minutesOfMeetingId: MEETING,
          approval: 'subject-to-amendments',
          amendments: [mark('minutes', 'amendment')],
          // Each about one item: as public as that item, whatever the others are.
          itemAmendments: ITEMS.map((itemId) => ({ itemId, text: mark(itemId, 'amendment') })),
        },
      ],
    );
    await ledger.settled();
    beforeImposition = (await ledger.head()).position;
    await given(
      [
        `/meetings/${MEETING}/items/imposed/confidentiality-imposed`,
        { paragraph: 1, publicInterestReason: 'it names a member of staff', publicSummary: 'A staffing matter' },
      ],
      [`/meetings/${MEETING}/items/erased/erasures`, { reason: 'personal data published in error' }],
    );
    // An item withdrawn by a correction is not public today: its content is for the entitled, at any basis.
    const stream = (await read(`/streams/meeting-${MEETING}`)).body.events as { id: string; type: string; data: { itemId?: string } }[];
    // The facts about it first, the item last: each correction leaves a history the rules accept.
    const aboutIt = stream.filter((event) => event.data.itemId === 'withdrawn').reverse();
    await given(
      ...aboutIt.map((event): [string, object] => [
        '/corrections',
        { stream: `meeting-${MEETING}`, correctedEventId: event.id, reason: 'not on the agenda', withdrawn: true },
      ]),
    );
    await ledger.settled();
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const markersIn = (body: unknown) =>
    [...JSON.stringify(body).matchAll(/MARK-[a-z0-9-]+?-(text|interest|wording|resolution|callin|amendment)/g)].map((m) => m[0]);
  /** The raw log as published: every entry matches the leaf the ledger logged for it, and no content is in clear. */
  const expectLogVerifies = async () => {
    const entries = (await read('/events?from=1&limit=1000')).body.events as { canonical: string; matchesLoggedLeaf: boolean }[];
    expect(entries.length).toBe((await ledger.head()).position);
    expect(entries.filter((entry) => !entry.matchesLoggedLeaf)).toEqual([]);
    expect(markersIn(entries)).toEqual([]);
    return entries;
  };

  it('1. keeps an item lifted from a future date redacted until that date', async () => {
    const view = (await read(decisionPath('future-lift'))).body;
    expect(view.item).toMatchObject({ redacted: true, confidential: { paragraph: 3, lifted: '2030-01-01' } });
    expect(markersIn(view)).toEqual([]);
    // Lifted from a date that has come: everyone reads it.
    const past = (await read(decisionPath('past-lift'))).body;
    expect(past.item).toMatchObject({ redacted: false, text: mark('past-lift', 'text') });
    expect(past.resolution).toBe(mark('past-lift', 'resolution'));
  });

  it('2. takes back public text: an imposed item is redacted at every basis, an erased one is gone for everyone', async () => {
    for (const asKnownAt of ['', `?asKnownAt=${beforeImposition}`]) {
      const imposed = (await read(`${decisionPath('imposed')}${asKnownAt}`)).body;
      expect(imposed.item).toMatchObject({ redacted: true, confidential: { paragraph: 1, publicSummary: 'A staffing matter' } });
      expect(markersIn(imposed)).toEqual([]);
      for (const key of [undefined, ledger.keys.auditor, ledger.keys.admin]) {
        const erased = (await read(`${decisionPath('erased')}${asKnownAt}`, key)).body;
        expect(markersIn(erased).filter((marker) => marker.startsWith('MARK-erased'))).toEqual([]);
        // The record of the erasure is known from its position on; the content is gone at every basis.
        expect(erased.item.erasures).toEqual(asKnownAt ? [] : [{ reason: 'personal data published in error' }]);
      }
    }
    const auditor = (await read(`${decisionPath('erased')}?asKnownAt=${beforeImposition}`, ledger.keys.auditor)).body;
    expect([auditor.item.text, auditor.resolution, auditor.declarations[0].interest]).toEqual(['[erased]', '[erased]', '[erased]']);
    // The entitled still read the imposed item, at any basis.
    const officer = (await read(`${decisionPath('imposed')}?asKnownAt=${beforeImposition}`, ledger.keys.officerFor('wirral-council'))).body;
    expect(officer.item.text).toBe(mark('imposed', 'text'));
  });

  it('2b. withholds the content of an item withdrawn by a correction at the bases that still show the item', async () => {
    const before = (await read(`${decisionPath('withdrawn')}?asKnownAt=${beforeImposition}`)).body;
    expect(before.item.redacted).toBe(true);
    expect(markersIn(before)).toEqual([]);
    const auditor = (await read(`${decisionPath('withdrawn')}?asKnownAt=${beforeImposition}`, ledger.keys.auditor)).body;
    expect(auditor.item.text).toBe(mark('withdrawn', 'text'));
    await ledger.http().get(decisionPath('withdrawn')).expect(404);
  });

  it('points a correction that would move an item into Part 2 to ImposeConfidentiality, writing nothing', async () => {
    const stream = (await read(`/streams/meeting-${MEETING}`)).body.events as { id: string; type: string; data: { itemId?: string } }[];
    await ledger.expectNothingWritten(async () => {
      const refused = await post('/corrections', {
        stream: `meeting-${MEETING}`,
        correctedEventId: stream.find((event) => event.type === 'AgendaItemAdded' && event.data.itemId === 'erased')!.id,
        reason: 'should have been private',
        changes: { confidential: { paragraph: 1, publicInterestReason: 'x', publicSummary: 'y' } },
      }).expect(422);
      expect(refused.body).toMatchObject({ rule: 'unknown-field', message: expect.stringContaining('ImposeConfidentiality') });
    });
  });

  it('refuses to impose on an item already in Part 2 (409) or to correct an erasure (409), writing nothing', async () => {
    await ledger.expectNothingWritten(async () => {
      const again = await post(`/meetings/${MEETING}/items/part2/confidentiality-imposed`, {
        paragraph: 3,
        publicInterestReason: 'x',
        publicSummary: 'y',
      }).expect(409);
      expect(again.body.rule).toBe('item-already-confidential');
    });
    const stream = (await read(`/streams/meeting-${MEETING}`)).body.events as { id: string; type: string }[];
    const erasure = stream.find((event) => event.type === 'ConfidentialContentErased')!;
    await ledger.expectNothingWritten(async () => {
      const correction = await post('/corrections', {
        stream: `meeting-${MEETING}`,
        correctedEventId: erasure.id,
        reason: 'undo',
        withdrawn: true,
      }).expect(409);
      expect(correction.body.rule).toBe('erasure-final');
    });
    await ledger.expectNothingWritten(async () => {
      const unknown = await post(`/meetings/${MEETING}/items/nope/erasures`, { reason: 'x' }).expect(404);
      expect(unknown.body.rule).toBe('unknown-reference');
    });
    // Who may not: no key, an auditor, an officer of an unrelated body; and a body the DTO refuses.
    const refusals: [string, string, string | undefined, object, number, string][] = [
      ['erasures', 'part2', undefined, { reason: 'x' }, 401, 'key-required'],
      ['erasures', 'part2', ledger.keys.auditor, { reason: 'x' }, 403, 'role-not-allowed'],
      ['erasures', 'part2', ledger.keys.officerFor('nhs-other-ccg'), { reason: 'x' }, 403, 'body-not-served'],
      [
        'confidentiality-imposed',
        'past-lift',
        ledger.keys.officerFor('nhs-other-ccg'),
        { paragraph: 1, publicInterestReason: 'x', publicSummary: 'y' },
        403,
        'body-not-served',
      ],
      [
        'confidentiality-imposed',
        'past-lift',
        ledger.keys.admin,
        { paragraph: 9, publicInterestReason: 'x', publicSummary: 'y' },
        400,
        'invalid-field',
      ],
      ['confidentiality-imposed', 'past-lift', ledger.keys.admin, { paragraph: 1, publicInterestReason: 'x' }, 400, 'invalid-field'],
      ['erasures', 'part2', ledger.keys.admin, { reason: '' }, 400, 'invalid-field'],
      ['erasures', 'part2', ledger.keys.admin, { reason: ' \t ' }, 400, 'invalid-field'],
      // An item erased already may be erased again, but never without a reason.
      ['erasures', 'erased', ledger.keys.admin, { reason: '' }, 400, 'invalid-field'],
      ['erasures', 'erased', ledger.keys.admin, {}, 400, 'invalid-field'],
    ];
    for (const [route, itemId, key, body, status, rule] of refusals) {
      await ledger.expectNothingWritten(async () => {
        const request = ledger.http().post(`/meetings/${MEETING}/items/${itemId}/${route}`);
        const response = await (key ? request.set('Authorization', key) : request).send({ source, ...body });
        expect({ route, body, status: response.status, rule: response.body.rule }).toEqual({ route, body, status, rule });
      });
    }
  });

  it('3. shows Part 2 content to officers of the deciding body and the bodies above it, auditors and admins only', async () => {
    const readers = {
      public: undefined,
      otherOfficer: ledger.keys.officerFor('nhs-other-ccg'),
      cabinetOfficer: ledger.keys.officerFor('wirral-cabinet'),
      councilOfficer: ledger.keys.officerFor('wirral-council'),
      auditor: ledger.keys.auditor,
      admin: ledger.keys.admin,
    };
    const seen: Record<string, boolean> = {};
    for (const [name, key] of Object.entries(readers)) {
      const view = (await read(decisionPath('part2'), key)).body;
      seen[name] = view.item.text === mark('part2', 'text') && !view.item.redacted;
    }
    expect(seen).toEqual({ public: false, otherOfficer: false, cabinetOfficer: true, councilOfficer: true, auditor: true, admin: true });
  });

  it('4. withholds the interests declared, the call-in reasons and the minutes amendments of a Part 2 item', async () => {
    for (const key of [undefined, ledger.keys.officerFor('nhs-other-ccg')]) {
      const view = (await read(decisionPath('part2'), key)).body;
      expect(markersIn(view)).toEqual([]);
      expect(view.declarations[0]).not.toHaveProperty('interest');
      expect(view.callIn).not.toHaveProperty('reason');
      expect(view.minutes[0]).not.toHaveProperty('amendments');
      expect(view.minutes[0]).not.toHaveProperty('itemAmendments');
      expect(JSON.stringify(view.verdict)).not.toContain('MARK');
      const list = (await read('/decisions?body=wirral-cabinet', key)).body;
      expect(markersIn(list).filter((marker) => !marker.startsWith('MARK-past-lift'))).toEqual([]);
    }
    const entitled = (await read(decisionPath('part2'), ledger.keys.officerFor('wirral-cabinet'))).body;
    expect(entitled.declarations[0].interest).toBe(mark('part2', 'interest'));
    expect(entitled.callIn.reason).toBe(mark('part2', 'callin'));
    expect(entitled.minutes[0].amendments).toEqual([mark('minutes', 'amendment')]);
    expect(entitled.minutes[0].itemAmendments).toEqual([{ itemId: 'part2', title: 'Title of part2', text: mark('part2', 'amendment') }]);
    expect(JSON.stringify(entitled.verdict)).toContain(mark('part2', 'callin'));
  });

  it('4b. shows a minutes amendment about an item to whoever may read that item, and one about an erased item to no one', async () => {
    const ofMinuted = (body: { minutes: { itemAmendments?: { itemId: string; text: string }[] }[] }) =>
      Object.fromEntries((body.minutes[0].itemAmendments ?? []).map(({ itemId, text }) => [itemId, text]));
    const ofApproving = (body: { minutesApproved: { itemAmendments?: { itemId: string; text: string }[] }[] }) =>
      Object.fromEntries((body.minutesApproved[0].itemAmendments ?? []).map(({ itemId, text }) => [itemId, text]));
    // The public: the public items' only (the general amendments stay out while an item is Part 2), the erased one's gone.
    const open = { 'past-lift': mark('past-lift', 'amendment'), erased: '[erased]' };
    const minuted = (await read(`/meetings/${MEETING}`)).body;
    expect(ofMinuted(minuted)).toEqual(open);
    expect(minuted.minutes[0]).not.toHaveProperty('amendments');
    expect(ofApproving((await read('/meetings/cabinet-2024-02')).body)).toEqual(open);
    // An entitled reader: every item's, the erased item's gone for good.
    const entitled = (await read(`/meetings/${MEETING}`, ledger.keys.officerFor('wirral-cabinet'))).body;
    expect(ofMinuted(entitled)).toEqual({
      part2: mark('part2', 'amendment'),
      'future-lift': mark('future-lift', 'amendment'),
      'past-lift': mark('past-lift', 'amendment'),
      imposed: mark('imposed', 'amendment'),
      erased: '[erased]',
    });
  });

  it('seals an amendment about an erased item under the item’s next key, so it can be read', async () => {
    await given(
      ['/meetings', { meetingId: 'cabinet-2024-03', date: '2024-03-11', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }],
      [
        '/meetings/cabinet-2024-03/minutes-approvals',
        {
          minutesOfMeetingId: MEETING,
          approval: 'subject-to-amendments',
          itemAmendments: [{ itemId: 'erased', text: 'Written after the erasure' }],
        },
      ],
    );
    const approving = (await read('/meetings/cabinet-2024-03', ledger.keys.auditor)).body;
    expect(approving.minutesApproved[0].itemAmendments).toEqual([
      { itemId: 'erased', title: 'Title of erased', text: 'Written after the erasure' },
    ]);
  });

  it('corrects an amendment about an item as it was recorded: to another item of the minuted meeting only', async () => {
    const stream = (await read('/streams/meeting-cabinet-2024-03')).body.events as { id: string; type: string }[];
    const approval = stream.find((event) => event.type === 'MinutesApproved')!;
    const correct = (itemAmendments: object[]) =>
      post('/corrections', {
        stream: 'meeting-cabinet-2024-03',
        correctedEventId: approval.id,
        reason: 'wrong item',
        changes: { itemAmendments },
      });
    await ledger.expectNothingWritten(async () => {
      const refused = await correct([{ itemId: 'nope', text: 'x' }]).expect(422);
      expect(refused.body).toMatchObject({ rule: 'amendment-item', field: 'itemAmendments[0]' });
    });
    await correct([{ itemId: 'part2', text: mark('part2', 'amendment') }]).expect(201);
    await ledger.settled();
    const about = async (key?: string) => (await read('/meetings/cabinet-2024-03', key)).body.minutesApproved[0].itemAmendments;
    expect(await about()).toBeUndefined();
    expect(await about(ledger.keys.auditor)).toEqual([{ itemId: 'part2', title: 'Title of part2', text: mark('part2', 'amendment') }]);
  });

  it('refuses an amendment about an item the minuted meeting does not have, or without its text, writing nothing', async () => {
    const refusals: [object, number, string, string][] = [
      [{ itemAmendments: [{ itemId: 'nope', text: 'x' }] }, 422, 'amendment-item', 'itemAmendments[0]'],
      [{ itemAmendments: [{ itemId: 'part2', text: ' ' }] }, 400, 'invalid-field', 'itemAmendments.0.text'],
      [{ itemAmendments: [{ text: 'x' }] }, 400, 'invalid-field', 'itemAmendments.0.itemId'],
      [{ itemAmendments: 'part2' }, 400, 'invalid-field', 'itemAmendments'],
    ];
    await given(['/meetings', { meetingId: 'cabinet-2024-04', date: '2024-04-08', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }]);
    for (const [body, status, rule, field] of refusals) {
      await ledger.expectNothingWritten(async () => {
        const response = await post('/meetings/cabinet-2024-04/minutes-approvals', {
          minutesOfMeetingId: MEETING,
          approval: 'subject-to-amendments',
          ...body,
        });
        expect({ body, status: response.status, rule: response.body.rule, field: response.body.field }).toEqual({
          body,
          status,
          rule,
          field,
        });
      });
    }
  });

  it('erases again an item erased already: an amendment about it recorded since at a later meeting becomes unreadable', async () => {
    const LATER = 'cabinet-2024-05';
    const marker = mark('erased-later', 'amendment');
    await given(
      ['/meetings', { meetingId: LATER, date: '2024-05-13', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }],
      [
        `/meetings/${LATER}/minutes-approvals`,
        { minutesOfMeetingId: MEETING, approval: 'subject-to-amendments', itemAmendments: [{ itemId: 'erased', text: marker }] },
      ],
    );
    await ledger.settled();
    const entitled = ledger.keys.officerFor('wirral-cabinet');
    const approvedAtLater = async (key?: string, asKnownAt = '') =>
      (await read(`/meetings/${LATER}${asKnownAt}`, key)).body.minutesApproved[0].itemAmendments;
    const minutedAtLater = async (key?: string, asKnownAt = '') =>
      ((await read(`/meetings/${MEETING}${asKnownAt}`, key)).body.minutes as { atMeetingId: string; itemAmendments?: unknown }[]).find(
        (minutes) => minutes.atMeetingId === LATER,
      )?.itemAmendments;
    expect(await approvedAtLater(entitled)).toEqual([{ itemId: 'erased', title: 'Title of erased', text: marker }]);
    expect(await minutedAtLater(entitled)).toEqual([{ itemId: 'erased', title: 'Title of erased', text: marker }]);
    // Sealed in the later meeting's stream under the item's live generation: the one after the first erasure.
    const stream = (await read(`/streams/meeting-${LATER}`)).body.events as {
      type: string;
      data: { itemAmendments?: { text: string }[] };
    }[];
    const sealed = stream.find((event) => event.type === 'MinutesApproved')!.data.itemAmendments![0].text;
    const owner = JSON.parse(Buffer.from(sealed.split(':')[2], 'base64url').toString('utf8'));
    expect(owner).toEqual({ meetingId: MEETING, itemId: 'erased', generation: 1 });
    expect(ledger.app.get(ContentKeys).keyOf(contentKeyRef(owner))).toHaveProperty('key');

    const beforeErasure = (await ledger.head()).position;
    await post(`/meetings/${MEETING}/items/erased/erasures`, { reason: 'the amendment named a member of the public' }).expect(201);
    await ledger.settled();
    expect(ledger.app.get(ContentKeys).keyOf(contentKeyRef(owner))).toEqual({ destroyed: true });

    const gone = [{ itemId: 'erased', title: 'Title of erased', text: '[erased]' }];
    const readers = [undefined, ledger.keys.officerFor('nhs-other-ccg'), entitled, ledger.keys.officerFor('wirral-council')];
    for (const key of [...readers, ledger.keys.auditor, ledger.keys.admin]) {
      // At every basis, the one before this erasure too: the two clocks never reopen what is erased now.
      for (const asKnownAt of ['', `?asKnownAt=${beforeErasure}`]) {
        expect({ key, asKnownAt, amendments: await approvedAtLater(key, asKnownAt) }).toEqual({ key, asKnownAt, amendments: gone });
        expect({ key, asKnownAt, amendments: await minutedAtLater(key, asKnownAt) }).toEqual({ key, asKnownAt, amendments: gone });
      }
      for (const path of [
        `/meetings/${LATER}`,
        `/meetings/${MEETING}`,
        `/meetings/${MEETING}?asKnownAt=${beforeErasure}`,
        decisionPath('erased'),
        `${decisionPath('erased')}/evidence`,
        '/decisions?body=wirral-cabinet',
        '/meetings?body=wirral-cabinet',
        `/streams/meeting-${LATER}`,
        `/streams/meeting-${MEETING}`,
        '/ledger/changes',
      ]) {
        const request = ledger.http().get(path);
        const response = await (key ? request.set('Authorization', key) : request);
        expect({ path, ok: response.status === 200, marker: JSON.stringify(response.body).includes(marker) }).toEqual({
          path,
          ok: true,
          marker: false,
        });
      }
    }
    expect((await read(decisionPath('erased'), ledger.keys.auditor)).body.item.erasures).toEqual([
      { reason: 'personal data published in error' },
      { reason: 'the amendment named a member of the public' },
    ]);
    await expectLogVerifies();

    // Nothing recorded since: erasing yet again is recorded too, and tombstones a key never made, so none is ever made under it.
    const never = { ...owner, generation: 2 };
    expect(ledger.app.get(ContentKeys).keyOf(contentKeyRef(never))).toEqual({ missing: true });
    await post(`/meetings/${MEETING}/items/erased/erasures`, { reason: 'erased once more' }).expect(201);
    await ledger.settled();
    expect(ledger.app.get(ContentKeys).keyOf(contentKeyRef(never))).toEqual({ destroyed: true });
    await expectLogVerifies();
  });

  it('5. marks keyed answers private and uncacheable, and gives public ones an ETag from their basis', async () => {
    const keyed = await read(decisionPath('part2'), ledger.keys.auditor);
    expect(keyed.headers['cache-control']).toBe('private, no-store');
    expect(keyed.headers.vary).toMatch(/Authorization/);
    const open = await read(decisionPath('part2'));
    expect(open.headers['cache-control']).toBe('public, no-cache');
    expect(open.headers.vary).toMatch(/Authorization/);
    const etag = open.headers.etag;
    expect(etag).toMatch(new RegExp(`ledger-${(await ledger.head()).position}-`));
    await ledger.http().get(decisionPath('part2')).set('If-None-Match', etag).expect(304);
    // Another basis is another answer.
    const earlier = await read(`${decisionPath('part2')}?asKnownAt=${beforeImposition}`);
    expect(earlier.headers.etag).not.toBe(etag);
  });

  it('6. never writes content in clear: the event store, its WAL and every other file of the data folder', async () => {
    const files = readdirSync(dataDir).filter((name) => !name.endsWith('.key'));
    expect(files).toEqual(expect.arrayContaining(['ledger.sqlite', 'public.sqlite']));
    for (const name of files) {
      const bytes = readFileSync(join(dataDir, name));
      // The public site's projection holds what everyone may read (the item lifted in the past), and nothing else.
      const allowed = name.startsWith('public.sqlite') ? /^MARK-past-lift-/ : /^$/;
      for (const text of [bytes.toString('latin1'), bytes.toString('utf16le')]) {
        const found = [...text.matchAll(/MARK-[a-z0-9-]+/g)].map(([marker]) => marker).filter((marker) => !allowed.test(marker));
        expect({ name, found: [...new Set(found)] }).toEqual({ name, found: [] });
      }
    }
  });

  it('keeps the event log verifiable: the raw log is public, sealed, and unchanged by an erasure', async () => {
    const entries = await expectLogVerifies();
    expect(entries.some((entry) => /"text":"sealed:v1:/.test(entry.canonical))).toBe(true);
  });

  it('keeps an erasure through a rebuild, a restart, and a copy of the data folder without its master key', async () => {
    const auditorSees = async () =>
      markersIn((await read(decisionPath('erased'), ledger.keys.auditor)).body).filter((marker) => marker.startsWith('MARK-erased'));
    await ledger.app.get(ProjectionRunner).rebuild();
    expect(await auditorSees()).toEqual([]);
    expect(markersIn((await read(decisionPath('part2'), ledger.keys.auditor)).body)).toContain(mark('part2', 'text'));

    await ledger.close();
    ledger = await startLedger(dataDir);
    expect(await auditorSees()).toEqual([]);
    expect(markersIn((await read(decisionPath('part2'), ledger.keys.auditor)).body)).toContain(mark('part2', 'text'));

    // A copy without the master key opens nothing, yet still knows what was erased.
    const copy = mkdtempSync(join(tmpdir(), 'ledger-copy-'));
    cpSync(dataDir, copy, { recursive: true, filter: (path) => !path.endsWith('ledger-master.key') });
    await ledger.close();
    ledger = await startLedger(copy);
    const view = (await read(decisionPath('part2'), ledger.keys.auditor)).body;
    expect(markersIn(view)).toEqual([]);
    expect(view.item.text).toBe('[unavailable]');
    expect((await read(decisionPath('erased'), ledger.keys.auditor)).body.item.text).toBe('[erased]');
    await ledger.close();
    rmSync(copy, { recursive: true, force: true });
    ledger = await startLedger(dataDir);
  });

  it('reads every item as expected for every reader (summary table)', async () => {
    const table: Record<string, string[]> = {};
    for (const itemId of ITEMS) {
      table[itemId] = [...new Set(markersIn((await read(decisionPath(itemId))).body).map((m) => m.split('-').pop()!))].sort();
    }
    expect(table).toEqual({
      part2: [],
      'future-lift': [],
      'past-lift': ['amendment', 'callin', 'interest', 'resolution', 'text', 'wording'],
      imposed: [],
      erased: [],
    });
  });
});
