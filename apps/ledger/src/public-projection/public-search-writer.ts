import { AREAS, FUNCTIONS, PLACES, placesIn } from '@ledger/governance';
import {
  PUBLIC_SEARCH_SECURE_DELETE,
  PUBLIC_SEARCH_TRIGGERS,
  PublicBody,
  PublicDecision,
  PublicMeeting,
  PublicSearchRow,
} from '@ledger/public-contract';
import Database from 'better-sqlite3';

/**
 * Writes the search rows of the public projection, inside the projection's transaction. Every row is made
 * from a public row (a PublicBody or PublicDecision, already redacted) or from the vocabulary, never from
 * the ledger's records: what the index can hold is what the public pages can show.
 */
export class PublicSearchWriter {
  private readonly insert;
  private readonly removeOne;
  private readonly removeOwned;
  private readonly removeKind;
  private readonly meeting;
  /** What the index holds of each body, as written in this process. */
  private readonly bodies = new Map<string, string>();
  /** Kinds emptied in the transaction under way (a first build): nothing of theirs to delete before a write. */
  private readonly emptied = new Set<PublicSearchRow['kind']>();
  /** The index is made from every row when the transaction ends (`indexDeferred`), not a row at a time. */
  private deferred = false;

  constructor(private readonly db: Database.Database) {
    db.exec(PUBLIC_SEARCH_SECURE_DELETE);
    this.insert = db.prepare(
      `INSERT INTO public_search_rows (kind, key, owner, date, href, boost, title, text, places, functions)
       VALUES (@kind, @key, @owner, @date, @href, @boost, @title, @text, @places, @functions)`,
    );
    this.removeOne = db.prepare('DELETE FROM public_search_rows WHERE kind = ? AND key = ?');
    this.removeOwned = db.prepare('DELETE FROM public_search_rows WHERE kind = ? AND owner IS ?');
    this.removeKind = db.prepare('DELETE FROM public_search_rows WHERE kind = ?');
    this.meeting = db.prepare("SELECT date, title, text, places, functions FROM public_search_rows WHERE kind = 'meeting' AND key = ?");
  }

  clear(): void {
    this.db.exec('DELETE FROM public_search_rows');
    this.bodies.clear();
  }

  /** Places (areas and local-authority footprints) and functions, by their names and towns. */
  writeVocabulary(): void {
    for (const kind of ['place', 'function'] as const) this.removeKind.run(kind);
    for (const area of AREAS) {
      const within = Object.entries(PLACES).flatMap(([place, areas]) => ((areas as readonly string[]).includes(area) ? [place] : []));
      const places = [...placesIn(area), ...within.map((place) => inWords(place, true))].join(', ');
      this.write({ kind: 'place', key: area, href: `/authority?area=${area}`, title: inWords(area, true), places });
    }
    for (const place of Object.keys(PLACES)) {
      if ((AREAS as string[]).includes(place)) continue;
      const areas = PLACES[place as keyof typeof PLACES] as readonly string[];
      this.write({ kind: 'place', key: place, href: `/authority?area=${place}`, title: inWords(place, true), places: placesOf(areas) });
    }
    for (const fn of FUNCTIONS) this.write({ kind: 'function', key: fn, href: `/authority?function=${fn}`, title: inWords(fn) });
  }

  /** A body and its members, from its public row: removed and written again only when they changed. */
  writeBody(body: PublicBody): void {
    const rows = bodyRows(body);
    const written = JSON.stringify(rows);
    if (this.bodies.get(body.id) === written) return;
    this.removeBody(body.id);
    for (const row of rows) this.write(row);
    this.bodies.set(body.id, written);
  }

  removeBody(bodyId: string): void {
    for (const kind of ['body', 'member'] as const) this.removeOwned.run(kind, bodyId);
    this.bodies.delete(bodyId);
  }

  /**
   * A first build: the rows are written without their triggers, and the index made from all of them at once
   * before the commit. Indexing 145 000 rows one at a time took 7 s at 1 M events, the index made at once 1 s.
   */
  deferIndex(): void {
    this.db.exec('DROP TRIGGER IF EXISTS public_search_rows_insert; DROP TRIGGER IF EXISTS public_search_rows_delete');
    this.deferred = true;
  }

  /** Makes the index deferred in this transaction from every row, and puts its triggers back. */
  indexDeferred(): void {
    if (!this.deferred) return;
    this.db.exec("INSERT INTO public_search (public_search) VALUES ('rebuild')");
    this.db.exec(PUBLIC_SEARCH_TRIGGERS);
    this.deferred = false;
  }

  /** The transaction was rolled back (its triggers dropped with it): what this writer remembers of the index may no longer hold. */
  forget(): void {
    this.bodies.clear();
    this.emptied.clear();
    this.deferred = false;
  }

  /** The transaction was committed: the kinds emptied in it hold rows again. */
  committed(): void {
    this.emptied.clear();
  }

  writeDecision(decision: PublicDecision): void {
    const common = { kind: 'decision' as const, key: decision.decisionId, date: decision.date, href: `/decisions/${decision.decisionId}` };
    if (decision.kind === 'officer') {
      this.write({
        ...common,
        title: `Officer decision by ${decision.officer.post}`,
        text: joined([decision.decision, decision.reasons, decision.onBehalfOf.name ?? ''], ' · '),
        places: placesOf(decision.areas),
        functions: decision.functions.map((fn) => inWords(fn)).join(', '),
      });
      return;
    }
    this.write({
      ...common,
      owner: decision.meeting.id,
      title: decision.item.title,
      text: joined(
        [
          decision.item.part2?.publicSummary ?? '',
          decision.item.text ?? '',
          ...decision.motions.map((motion) => motion.wording ?? ''),
          decision.resolution ?? '',
          decision.decidingBody.name ?? '',
        ],
        ' · ',
      ),
      places: placesOf(decision.item.areas),
      functions: decision.item.functions.map((fn) => inWords(fn)).join(', '),
    });
  }

  removeDecision(decisionId: string): void {
    this.removeOne.run('decision', decisionId);
  }

  /** Officer decisions: rewritten with the standing facts. */
  removeOfficerDecisions(): void {
    this.removeOwned.run('decision', null);
  }

  removeMeetingsAndDecisions(): void {
    for (const kind of ['decision', 'meeting'] as const) {
      this.removeKind.run(kind);
      this.emptied.add(kind);
    }
  }

  /**
   * A meeting, scheduled, held or cancelled, from its public row: its bodies, place and agenda items by
   * title (a Part 2 item's public summary too), with the places and functions of its items. Rewritten
   * only when it changed, as its bodies' names may be.
   */
  writeMeeting(meeting: PublicMeeting, bodyNames: readonly string[], areas: readonly string[], functions: readonly string[]): void {
    const row: SearchRowInput = {
      kind: 'meeting',
      key: meeting.meetingId,
      owner: meeting.meetingId,
      date: meeting.date,
      href: `/meetings/${meeting.meetingId}`,
      title: `Meeting of ${bodyNames.join(' and ')}`,
      text: joined(
        [meeting.location ?? '', ...meeting.items.flatMap((item) => [item.title, item.confidential?.publicSummary ?? ''])],
        ' · ',
      ),
      places: placesOf(areas),
      functions: functions.map((fn) => inWords(fn)).join(', '),
    };
    const held = this.emptied.has('meeting') ? undefined : (this.meeting.get(meeting.meetingId) as Record<string, string> | undefined);
    const unchanged =
      held !== undefined &&
      (['date', 'title', 'text', 'places', 'functions'] as const).every((field) => held[field] === plain(String(row[field] ?? '')));
    if (!unchanged) this.write(row);
  }

  removeMeeting(meetingId: string): void {
    if (!this.emptied.has('meeting')) this.removeOne.run('meeting', meetingId);
  }

  private write(row: SearchRowInput): void {
    const full: PublicSearchRow = { owner: null, date: null, boost: 1, text: '', places: '', functions: '', ...row };
    // Deleted, not replaced: REPLACE would skip the delete trigger, leaving the old words in the index.
    if (!this.emptied.has(full.kind)) this.removeOne.run(full.kind, full.key);
    this.insert.run({
      ...full,
      title: plain(full.title),
      text: plain(full.text),
      places: plain(full.places),
      functions: plain(full.functions),
    });
  }
}

type SearchRowInput = Partial<PublicSearchRow> & Pick<PublicSearchRow, 'kind' | 'key' | 'href' | 'title'>;

/** A body's search rows: the body itself, and each member named. */
function bodyRows(body: PublicBody): SearchRowInput[] {
  const name = body.names[body.names.length - 1]?.name ?? body.id;
  const rows: SearchRowInput[] = [
    {
      kind: 'body',
      key: body.id,
      owner: body.id,
      date: body.established,
      href: `/bodies/${body.id}`,
      // bm25 favours short rows: a committee (few functions of its own) would come before the body it serves.
      boost: body.parentBodyId === undefined ? 2 : 1,
      title: name,
      text: joined(
        [
          ...body.names.slice(0, -1).map((former) => former.name),
          body.odsCode ?? '',
          inWords(body.kind),
          body.parent ? `committee of ${body.parent.name}` : '',
        ],
        ' · ',
      ),
      places: placesOf(body.areas),
      functions: [...new Set(body.authority.map((entry) => inWords(entry.function)))].join(', '),
    },
  ];
  for (const membership of body.memberships) {
    const who = membership.member.person ?? membership.member.seat;
    if (!who) continue;
    rows.push({
      kind: 'member',
      key: `${body.id}/${membership.membershipId}`,
      owner: body.id,
      date: membership.from,
      href: `/bodies/${body.id}`,
      title: who,
      text: `${membership.member.person && membership.member.seat ? `${membership.member.seat} \n` : ''}${membership.role} of ${name}`,
    });
  }
  return rows;
}

/** An identifier in words: "vale-royal" → "Vale Royal", "community-health-services" → "community health services". */
function inWords(identifier: string, proper = false): string {
  const words = identifier.split('-');
  return proper ? words.map((word) => (word === 'and' ? word : word.charAt(0).toUpperCase() + word.slice(1))).join(' ') : words.join(' ');
}

/** Areas by name with the places they lie in and the towns and former districts within them (see GAZETTEER). */
function placesOf(areas: readonly string[]): string {
  const names = new Set<string>();
  for (const area of areas) {
    names.add(inWords(area, true));
    const atomic: readonly string[] = Object.hasOwn(PLACES, area) ? PLACES[area as keyof typeof PLACES] : [area];
    for (const within of atomic) {
      names.add(inWords(within, true));
      for (const town of placesIn(within)) names.add(town);
    }
  }
  return [...names].join(', ');
}

function joined(parts: readonly string[], separator: string): string {
  return parts.filter((part) => part !== '').join(separator);
}

/** The site highlights matches with private-use marks (U+E000, U+E001): text never carries them itself. */
function plain(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}
