import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CheckpointRecord } from '@ledger/transparency-log';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerTree } from './ledger-tree';
import { badInput, unknown, wholeNumber } from './read-errors';
import { LedgerSigningKey } from './signing-key';

const b64 = (hash: Buffer) => hash.toString('base64');

/** The transparency log's public face: its key, its signed checkpoints, and proofs against them. */
@ApiTags('transparency log')
@Controller('ledger')
export class TransparencyController {
  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly signer: CheckpointSigner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The Ed25519 key checkpoints are signed with, as PEM and as a C2SP/sumdb verifier key. */
  @Get('public-key')
  publicKey() {
    return this.key.describe();
  }

  /** The newest signed checkpoint (C2SP tlog-checkpoint signed note in `checkpoint`). */
  @Get('checkpoint')
  @ApiQuery({ name: 'size', required: false, description: 'the checkpoint signed at this tree size' })
  checkpoint(@Query('size') size?: string) {
    if (size !== undefined) return this.checkpointAt(size);
    return describe(this.tree.tables.latestCheckpoint() ?? this.signer.signLatest());
  }

  @Get('checkpoints')
  checkpoints() {
    return { treeSizes: this.tree.tables.checkpointSizes() };
  }

  @Get('checkpoints/:size')
  checkpointAt(@Param('size') size: string) {
    const treeSize = wholeNumber('size', size, 0);
    const record = this.tree.tables.checkpointAt(treeSize);
    if (!record) throw unknown('unknown-checkpoint', `no checkpoint was signed at tree size ${treeSize}`);
    return describe(record);
  }

  /** RFC 9162 inclusion proof of the event at `position` in the tree of `treeSize` (default: the newest checkpoint's). */
  @Get('proofs/inclusion')
  @ApiQuery({ name: 'position', required: true })
  @ApiQuery({ name: 'treeSize', required: false })
  async inclusion(@Query('position') positionText?: string, @Query('treeSize') treeSizeText?: string) {
    const { tables } = this.tree;
    const position = wholeNumber('position', positionText, 1);
    const leafIndex = tables.leafIndexOf(position);
    if (leafIndex === undefined) throw unknown('unknown-position', `no event at position ${position} is in the tree`);
    const treeSize = this.treeSize('treeSize', treeSizeText, leafIndex + 1);
    const leaf = tables.leaf(leafIndex)!;
    const [event] = await this.store.readAll(position, 1);
    return {
      position,
      eventId: event?.globalPosition === position ? event.id : null,
      leafIndex,
      treeSize,
      leafHash: b64(leaf.hash),
      rootHash: b64(tables.root(treeSize)),
      inclusionProof: tables.inclusionProof(leafIndex, treeSize).map(b64),
      checkpoint: tables.checkpointAt(treeSize)?.note ?? null,
    };
  }

  /** RFC 9162 consistency proof that the tree of `to` (default: the newest checkpoint's) extends the tree of `from`. */
  @Get('proofs/consistency')
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: false })
  consistency(@Query('from') fromText?: string, @Query('to') toText?: string) {
    const { tables } = this.tree;
    const from = wholeNumber('from', fromText, 0, tables.size());
    const to = this.treeSize('to', toText, from);
    return {
      from,
      to,
      fromRoot: b64(tables.root(from)),
      toRoot: b64(tables.root(to)),
      consistencyProof: tables.consistencyProof(from, to).map(b64),
      checkpoints: { from: tables.checkpointAt(from)?.note ?? null, to: tables.checkpointAt(to)?.note ?? null },
    };
  }

  /** A tree size in [min, current size]; by default the newest checkpoint's (signed now if it is too small). */
  private treeSize(field: string, text: string | undefined, min: number): number {
    const size = this.tree.tables.size();
    if (text === undefined) {
      const latest = this.tree.tables.latestCheckpoint();
      return latest && latest.treeSize >= min ? latest.treeSize : this.signer.signLatest().treeSize;
    }
    const value = wholeNumber(field, text, 0);
    if (value < min || value > size) throw badInput(field, `must be between ${min} and the tree size ${size}, got ${value}`);
    return value;
  }
}

function describe(record: CheckpointRecord) {
  return { treeSize: record.treeSize, rootHash: b64(record.rootHash), signedAt: record.signedAt, checkpoint: record.note };
}
