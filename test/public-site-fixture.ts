import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { PublicProjection } from '../apps/ledger/src/public-projection/public-projection';
import { PublicSite } from '../apps/public/src/public-site';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/** One marker per confidential field of a Part 2 item: none may ever reach the public. */
export const MARKERS = {
  text: 'MARKER-ITEM-TEXT-7f3a',
  wording: 'MARKER-MOTION-WORDING-7f3a',
  resolution: 'MARKER-RESOLUTION-7f3a',
  interest: 'MARKER-DECLARED-INTEREST-7f3a',
  amendment: 'MARKER-MINUTES-AMENDMENT-7f3a',
  /** An amendment to the minutes about the Part 2 item: as confidential as the item. */
  itemAmendment: 'MARKER-ITEM-AMENDMENT-7f3a',
  callIn: 'MARKER-CALL-IN-REASON-7f3a',
  callInResult: 'MARKER-CALL-IN-RESULT-7f3a',
} as const;
/** In an item whose confidentiality is lifted from 2030-01-01: hidden until that day. */
export const FUTURE_LIFT_MARKER = 'MARKER-LIFTED-LATER-7f3a';
/** An amendment to the minutes about the item lifted from 2030-01-01: hidden until that day. */
export const FUTURE_LIFT_AMENDMENT_MARKER = 'MARKER-AMENDMENT-LIFTED-LATER-7f3a';
export const OPEN_TEXT = 'Open item text the public may read';
/** An amendment about the public item: public while the meeting's other items are Part 2. */
export const OPEN_AMENDMENT = 'Carers strategy: the consultation closes on 30 April, not 31 March';

export const COUNCIL = 'exampleton-council';
export const CABINET = 'exampleton-council-cabinet';
export const PART2_DECISION = `exampleton-cabinet-2020-01/care-home-contract/${CABINET}`;

export interface PublicSiteFixture {
  ledger: LedgerTestApp;
  site: PublicSite;
  url: string;
  projection: PublicProjection;
  /** Waits until the public projection holds everything recorded so far. */
  published: () => Promise<void>;
  close: () => Promise<void>;
}

/** The real history, plus a council cabinet meeting with a Part 2 item carrying a marker in every confidential field. */
export async function startPublicSite(): Promise<PublicSiteFixture> {
  const ledger = await startLedger();
  await ledger.app.get(CommandImport).importText(readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8'));
  await recordPart2Meeting(ledger);
  const projection = ledger.app.get(PublicProjection);
  const published = async () => {
    await ledger.settled();
    await projection.caughtUpTo((await ledger.head()).position);
  };
  await published();
  const site = new PublicSite(process.env.LEDGER_DATA_DIR as string);
  const server: Server = await new Promise((resolve) => {
    const listening = site.server().listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ledger,
    site,
    url,
    projection,
    published,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      site.close();
      await ledger.close();
    },
  };
}

async function recordPart2Meeting(ledger: LedgerTestApp): Promise<void> {
  const source = { title: 'Exampleton Council cabinet minutes', illustrative: true };
  const post = async (path: string, body: object) => {
    const response = await ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...body });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  await post('/bodies', {
    bodyId: COUNCIL,
    kind: 'local-authority',
    name: 'Exampleton Council',
    areas: ['wirral'],
    effective: '2013-04-01',
  });
  await post(`/bodies/${COUNCIL}/statutory-functions`, {
    functions: ['adult-social-care'],
    areas: ['wirral'],
    from: '2013-04-01',
    act: 'Care Act 2014',
  });
  await post('/bodies', {
    bodyId: CABINET,
    kind: 'committee',
    name: 'Exampleton Council Cabinet',
    parentBodyId: COUNCIL,
    areas: ['wirral'],
    effective: '2013-04-01',
  });
  const members = ['leader', 'deputy', 'portfolio'].map((role) => `${CABINET}-${role}`);
  for (const membershipId of members) {
    await post(`/bodies/${CABINET}/memberships`, {
      membershipId,
      member: { seat: `Cabinet ${membershipId.split('-').pop()}` },
      role: membershipId.split('-').pop(),
      voting: true,
      from: '2013-04-01',
    });
  }
  const meeting = '/meetings/exampleton-cabinet-2020-01';
  await post('/meetings', {
    meetingId: 'exampleton-cabinet-2020-01',
    date: '2020-01-14',
    inCommon: false,
    bodies: [{ bodyId: CABINET, quorum: 2 }],
  });
  const items = [
    { itemId: 'care-home-contract', title: 'Care home contract', text: MARKERS.text, paragraph: 3 },
    { itemId: 'day-centre-lease', title: 'Day centre lease', text: FUTURE_LIFT_MARKER, paragraph: 3 },
    { itemId: 'carers-strategy', title: 'Carers strategy', text: OPEN_TEXT },
  ];
  for (const { itemId, title, text, paragraph } of items) {
    await post(`${meeting}/items`, {
      itemId,
      title,
      text,
      functions: ['adult-social-care'],
      areas: ['wirral'],
      ...(paragraph
        ? {
            confidential: {
              paragraph,
              publicInterestReason: 'prices are commercially sensitive',
              publicSummary: `${title}: award approved`,
            },
          }
        : {}),
    });
  }
  await post(`${meeting}/attendance`, { present: members });
  for (const { itemId } of items) {
    const item = `${meeting}/items/${itemId}`;
    if (itemId === 'care-home-contract') {
      await post(`${item}/declarations`, { membershipId: members[2], interest: MARKERS.interest, action: 'withdrew' });
      await post(`${item}/motions`, { motionId: 'm1', wording: MARKERS.wording, mover: members[0], seconder: members[1] });
    }
    for (const membershipId of members.slice(0, itemId === 'care-home-contract' ? 2 : 3))
      await post(`${item}/votes`, { membershipId, vote: 'for' });
    await post(`${item}/decisions`, {
      bodyId: CABINET,
      outcome: 'carried',
      resolution: itemId === 'care-home-contract' ? MARKERS.resolution : `Resolved on ${itemId}`,
      ...(itemId === 'care-home-contract' ? { motionId: 'm1' } : {}),
    });
  }
  const secret = `${meeting}/items/care-home-contract`;
  await post(`${secret}/call-ins`, { effective: '2020-01-20', reason: MARKERS.callIn });
  await post(`${secret}/call-in-results`, { result: 'confirmed', effective: '2020-02-03', reason: MARKERS.callInResult });
  await post(`${meeting}/items/day-centre-lease/confidentiality-lifted`, { effective: '2030-01-01', reason: 'the lease is signed' });
  await post('/meetings', {
    meetingId: 'exampleton-cabinet-2020-02',
    date: '2020-02-11',
    inCommon: false,
    bodies: [{ bodyId: CABINET, quorum: 2 }],
  });
  await post('/meetings/exampleton-cabinet-2020-02/minutes-approvals', {
    minutesOfMeetingId: 'exampleton-cabinet-2020-01',
    approval: 'subject-to-amendments',
    amendments: [MARKERS.amendment],
    itemAmendments: [
      { itemId: 'carers-strategy', text: OPEN_AMENDMENT },
      { itemId: 'care-home-contract', text: MARKERS.itemAmendment },
      { itemId: 'day-centre-lease', text: FUTURE_LIFT_AMENDMENT_MARKER },
    ],
  });
}

/**
 * An open-data file as a spreadsheet reads it: the bytes must begin with a UTF-8 byte-order mark, then
 * RFC 4180 records (CRLF, quoted cells holding commas, doubled quotes and line breaks), as header names → cells.
 */
export function openCsv(bytes: Uint8Array): { header: string[]; rows: Record<string, string>[] } {
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error(`no byte-order mark: ${JSON.stringify(text.slice(0, 20))}`);
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      record.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      [record, cell] = [[], ''];
      i++;
    } else if (char === '"' || char === '\n' || char === '\r')
      throw new Error(`not RFC 4180 at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
    else cell += char;
  }
  if (record.length > 0 || cell !== '') throw new Error('the last record does not end with CRLF');
  const [header, ...rest] = records;
  for (const row of rest)
    if (row.length !== header.length) throw new Error(`a record of ${row.length} cells under ${header.length} columns`);
  return { header, rows: rest.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))) };
}
