import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import { canonicalEventText, leafHash, sameHash } from '@ledger/transparency-log';
import { LedgerTree } from './ledger-tree';
import { RawRecords } from '../disclosure/disclosure.interceptor';
import { badInput, unknown, wholeNumber } from './read-errors';

const EVENTS_PAGE = 1000;
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,299}$/;

interface CorrectionData {
  correctedEventId: string;
  reason: string;
  changes?: Record<string, unknown>;
  withdrawn?: boolean;
  source?: unknown;
}

/**
 * The recorded events themselves, as the tree hashes them: one by position, a page in order (what
 * an online `verify` recomputes the root from), a stream, and the corrections made in a stream.
 * Public: content is sealed in every event (see confidentiality/), and those sealed bytes are what is proven.
 */
@ApiTags('transparency log')
@RawRecords()
@Controller()
export class LedgerRecordsController {
  constructor(
    private readonly tree: LedgerTree,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Events from position `from` in order, each with its canonical text and leaf hash. */
  @Get('events')
  @ApiQuery({ name: 'from', required: false, description: 'first position (default 1)' })
  @ApiQuery({ name: 'limit', required: false, description: `at most ${EVENTS_PAGE}` })
  async page(@Query('from') fromText?: string, @Query('limit') limitText?: string) {
    const from = wholeNumber('from', fromText, 1, Number.MAX_SAFE_INTEGER, 1);
    const limit = wholeNumber('limit', limitText, 1, EVENTS_PAGE, 100);
    const events = await this.store.readAll(from, limit);
    const entries = events.map((event) => this.entry(event));
    return { from, limit, events: entries, next: events.length === limit ? events[events.length - 1].globalPosition + 1 : null };
  }

  /** One event: its canonical bytes (text and base64), its leaf hash, and the leaf the ledger logged for it. */
  @Get('events/:position')
  async event(@Param('position') positionText: string) {
    const position = wholeNumber('position', positionText, 1);
    const leafIndex = this.tree.tables.leafIndexOf(position);
    if (leafIndex === undefined) throw unknown('unknown-position', `no event at position ${position}`);
    const [event] = await this.store.readAll(position, 1);
    if (!event || event.globalPosition !== position) throw unknown('unknown-position', `no event at position ${position}`);
    const entry = this.entry(event);
    return { ...entry, canonicalBase64: Buffer.from(entry.canonical, 'utf8').toString('base64'), event };
  }

  @Get('streams/:stream')
  async stream(@Param('stream') stream: string) {
    const events = await this.readStream(stream);
    return { stream, events: events.map((event) => ({ ...event, leafHash: leafHash(canonicalEventText(event)).toString('base64') })) };
  }

  /** The corrections of the facts of a stream: what was corrected, why, on what source, by whom. */
  @Get('streams/:stream/corrections')
  @ApiQuery({ name: 'eventId', required: false, description: 'only the corrections of this event' })
  async corrections(@Param('stream') stream: string, @Query('eventId') eventId?: string) {
    if (eventId !== undefined && (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 300)) {
      throw badInput('eventId', 'must be an event id');
    }
    const events = await this.readStream(stream);
    if (eventId !== undefined && !events.some((event) => event.id === eventId)) {
      throw unknown('unknown-event', `no event ${eventId} in stream ${stream}`);
    }
    const byId = new Map(events.map((event) => [event.id, event]));
    const corrections = events
      .filter((event) => event.type === 'FactCorrected')
      .filter((event) => eventId === undefined || (event.data as CorrectionData).correctedEventId === eventId)
      .map((event) => {
        const data = event.data as CorrectionData;
        const corrected = byId.get(data.correctedEventId);
        return {
          correctionEventId: event.id,
          position: event.globalPosition,
          recordedAt: event.recordedAt,
          correctedEventId: data.correctedEventId,
          corrected: corrected ? { position: corrected.globalPosition, type: corrected.type, recordedAt: corrected.recordedAt } : null,
          reason: data.reason,
          ...(data.changes !== undefined ? { changes: data.changes } : {}),
          ...(data.withdrawn !== undefined ? { withdrawn: data.withdrawn } : {}),
          source: data.source,
          actor: event.metadata.actor ?? null,
          role: event.metadata.role ?? null,
          commandId: event.metadata.commandId ?? null,
        };
      });
    return { stream, corrections };
  }

  private async readStream(stream: string): Promise<RecordedEvent[]> {
    if (!STREAM_NAME.test(stream)) throw badInput('stream', 'must be a stream name (letters, digits, . _ : @ -)');
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw unknown('unknown-stream', `no stream ${stream}`);
    return events;
  }

  private entry(event: RecordedEvent) {
    const canonical = canonicalEventText(event);
    const hash = leafHash(canonical);
    const leafIndex = this.tree.tables.leafIndexOf(event.globalPosition);
    const logged = leafIndex !== undefined ? this.tree.tables.leaf(leafIndex)?.hash : undefined;
    return {
      position: event.globalPosition,
      leafIndex: leafIndex ?? null,
      eventId: event.id,
      canonical,
      leafHash: hash.toString('base64'),
      /** False when the event as read no longer hashes to the leaf logged when it was appended: evidence of tampering. */
      matchesLoggedLeaf: sameHash(logged, hash),
    };
  }
}
