import Database from 'better-sqlite3';
import { canonicalJson, formatMicros, SQLITE_FILE_NAME } from '@ledger/event-store';
import { SQLITE_EVENT_STORE_SCHEMA } from '@ledger/event-store/sqlite/schema';
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { EmbeddedLedgerTree } from '@ledger/transparency-log';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic ledger for benchmarks, written straight into the embedded store's table in large
 * transactions (generating it through the command API would take minutes and is not what is measured).
 * Shape: per area, generations of CCGs, each succeeding the last by merger, holding the CCG functions,
 * delegating two of them to its committee, whose members meet and vote; NHS England holds primary care.
 */
export function generateLedger(dataDir: string, targetEvents: number): { events: number; authorityFacts: number } {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const revisions = new Map<string, number>();
  let micros = Date.parse('2026-01-01T00:00:00Z') * 1000;
  let events = 0;
  let authorityFacts = 0;
  const source = { title: 'generated for the benchmark', illustrative: true };
  const append = (stream: string, type: string, data: Record<string, unknown>) => {
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    insert.run(
      `${stream}#${revision}`,
      stream,
      revision,
      type,
      canonicalJson({ ...data, source }),
      '{"actor":"bench"}',
      formatMicros(micros++),
    );
    events++;
    if (!stream.startsWith('meeting-')) authorityFacts++;
  };
  const day = (offset: number) => new Date(Date.UTC(2013, 3, 1 + offset)).toISOString().slice(0, 10);
  const primaryCare = ['primary-medical-services', 'pharmaceutical-services', 'general-ophthalmic-services', 'dental-services'];
  const ccgFunctions = FUNCTIONS.filter((fn) => !primaryCare.includes(fn));
  const generations = 60;
  const members = 9;

  db.transaction(() => {
    append('body-nhs-england', 'BodyEstablished', {
      bodyId: 'nhs-england',
      kind: 'nhs-england',
      name: 'NHS England',
      areas: AREAS,
      effective: day(0),
    });
    append('body-nhs-england', 'StatutoryFunctionsAssigned', {
      bodyId: 'nhs-england',
      functions: primaryCare,
      areas: AREAS,
      from: day(0),
      to: null,
      act: 'National Health Service Act 2006',
    });
    for (const area of AREAS) {
      for (let g = 0; g < generations; g++) {
        const ccg = `ccg-${area}-${g}`;
        const committee = `committee-${area}-${g}`;
        const from = day(g * 30);
        append(`body-${ccg}`, 'BodyEstablished', {
          bodyId: ccg,
          kind: 'ccg',
          name: `NHS ${area} CCG (${g})`,
          areas: [area],
          effective: from,
        });
        append(`body-${ccg}`, 'StatutoryFunctionsAssigned', {
          bodyId: ccg,
          functions: ccgFunctions,
          areas: [area],
          from,
          to: null,
          act: 'Health and Social Care Act 2012',
        });
        if (g > 0) {
          append(`reorganisation-merger-${area}-${g}`, 'MergerRecorded', {
            reorganisationId: `merger-${area}-${g}`,
            predecessorBodyIds: [`ccg-${area}-${g - 1}`],
            successorBodyId: ccg,
            legalDate: from,
            grantedDelegations: 'lapse',
          });
        }
        append(`body-${committee}`, 'BodyEstablished', {
          bodyId: committee,
          kind: 'committee',
          name: `${area} place committee (${g})`,
          parentBodyId: ccg,
          areas: [area],
          effective: from,
        });
        for (let m = 0; m < members; m++) {
          append(`body-${committee}`, 'MemberAppointed', {
            bodyId: committee,
            membershipId: `${committee}-m${m}`,
            member: { seat: `member ${m}` },
            role: 'member',
            voting: m < members - 1,
            from,
            to: null,
          });
        }
        append(`delegation-${ccg}-to-committee`, 'DelegationGranted', {
          delegationId: `${ccg}-to-committee`,
          delegatorBodyId: ccg,
          delegateBodyId: committee,
          functions: ccgFunctions.slice(0, 2),
          areas: [area],
          from,
          to: null,
          instrument: { kind: 'scheme-of-reservation-and-delegation', reference: `SoRD ${g}` },
          subDelegationAllowed: false,
        });
      }
    }
  })();

  // Meetings of the committees until the target is reached.
  const perMeeting = 1 + 2 + 1 + 2 * (members - 1) + 2;
  const meetings = Math.max(0, Math.ceil((targetEvents - events) / perMeeting));
  const batch = 5000;
  for (let start = 0; start < meetings; start += batch) {
    db.transaction(() => {
      for (let n = start; n < Math.min(meetings, start + batch); n++) {
        const area = AREAS[n % AREAS.length];
        const g = Math.floor(n / AREAS.length) % generations;
        const committee = `committee-${area}-${g}`;
        const meetingId = `m${n}`;
        const stream = `meeting-${meetingId}`;
        const date = day(g * 30 + (n % 29));
        append(stream, 'MeetingConvened', { meetingId, date, bodies: [{ bodyId: committee, quorum: 4 }], inCommon: false });
        for (const itemId of ['i1', 'i2']) {
          append(stream, 'AgendaItemAdded', {
            meetingId,
            itemId,
            title: `item ${itemId}`,
            text: 'generated',
            functions: ccgFunctions.slice(0, 1),
            areas: [area],
          });
        }
        const present = Array.from({ length: members - 1 }, (_, m) => ({ membershipId: `${committee}-m${m}`, bodyId: committee }));
        append(stream, 'AttendanceRecorded', { meetingId, present });
        for (const itemId of ['i1', 'i2']) {
          for (const { membershipId } of present) {
            append(stream, 'VoteCast', {
              meetingId,
              itemId,
              membershipId,
              bodyId: committee,
              vote: membershipId.endsWith('m0') ? 'against' : 'for',
            });
          }
        }
        for (const itemId of ['i1', 'i2']) {
          append(stream, 'DecisionRecorded', {
            meetingId,
            itemId,
            bodyId: committee,
            outcome: 'carried',
            resolution: 'generated',
            counts: { for: members - 2, against: 1, abstain: 0, abstainedNoVoteCast: 0 },
            countsFrom: 'votes',
            quorum: { required: 4, present: members - 1, quorate: true },
          });
        }
      }
    })();
  }
  // The ledger's own tree over them, as the ledger would have kept it: a ledger never fills its tree in at start.
  const tree = new EmbeddedLedgerTree();
  tree.attach(db);
  tree.rebuild();
  db.close();
  return { events, authorityFacts };
}
