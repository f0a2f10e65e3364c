import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { canonicalEventText } from '@ledger/transparency-log';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerTree } from './ledger-tree';
import { badInput, unknown, wholeNumber } from './read-errors';
import { LedgerSigningKey } from './signing-key';
import { TransparencyStatus } from './transparency-status';
import { TreeIntegrity } from './tree-integrity';

const b64 = (hash: Buffer) => hash.toString('base64');

/**
 * The transparency log's public face: its key, its signed checkpoints with the witnesses' cosignatures, its
 * policy, and proofs against them. Once the start-up check has failed, it serves none of them (503, the rule).
 */
@ApiTags('transparency log')
@Controller('ledger')
export class TransparencyController {
  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly signer: CheckpointSigner,
    private readonly status: TransparencyStatus,
    private readonly integrity: TreeIntegrity,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The Ed25519 key checkpoints are signed with, as PEM and as a C2SP verifier key. */
  @Get('public-key')
  publicKey() {
    return this.key.describe();
  }

  /** The ledger's own C2SP tlog-policy (its key, its witnesses, the quorum it asks for), as text. */
  @Get('policy')
  async policy() {
    return { policy: (await this.status.view()).policy };
  }

  /** The newest signed checkpoint: `checkpoint` is the C2SP note, with one cosignature line per witness that cosigned it. */
  @Get('checkpoint')
  @ApiQuery({ name: 'size', required: false, description: 'the checkpoint signed at this tree size' })
  async checkpoint(@Query('size') size?: string) {
    if (size !== undefined) return this.checkpointAt(size);
    this.integrity.assertNotFailed();
    const latest = await this.status.cosigned();
    return this.describe(latest ?? (await this.status.cosigned((await this.signer.signLatest()).treeSize))!);
  }

  @Get('checkpoints')
  async checkpoints() {
    this.integrity.assertNotFailed();
    return { treeSizes: await this.tree.checkpoints.sizes() };
  }

  @Get('checkpoints/:size')
  async checkpointAt(@Param('size') size: string) {
    const treeSize = wholeNumber('size', size, 0);
    this.integrity.assertNotFailed();
    const record = await this.status.cosigned(treeSize);
    if (!record) throw unknown('unknown-checkpoint', `no checkpoint was signed at tree size ${treeSize}`);
    return this.describe(record);
  }

  /** RFC 9162 inclusion proof of the event at `position` in the tree of `treeSize` (default: the newest checkpoint's), with the event's bytes. */
  @Get('proofs/inclusion')
  @ApiQuery({ name: 'position', required: true })
  @ApiQuery({ name: 'treeSize', required: false })
  async inclusion(@Query('position') positionText?: string, @Query('treeSize') treeSizeText?: string) {
    const { tables } = this.tree;
    const position = wholeNumber('position', positionText, 1);
    this.integrity.assertNotFailed();
    const leafIndex = tables.leafIndexOf(position);
    if (leafIndex === undefined) throw unknown('unknown-position', `no event at position ${position} is in the tree`);
    const treeSize = await this.treeSize('treeSize', treeSizeText, leafIndex + 1);
    const leaf = tables.leaf(leafIndex)!;
    const [event] = await this.store.readAll(position, 1);
    const found = event?.globalPosition === position ? event : undefined;
    return {
      position,
      eventId: found?.id ?? null,
      leafIndex,
      treeSize,
      leafHash: b64(leaf.hash),
      rootHash: b64(tables.root(treeSize)),
      inclusionProof: tables.inclusionProof(leafIndex, treeSize).map(b64),
      canonical: found ? canonicalEventText(found) : null,
      checkpoint: (await this.status.cosigned(treeSize))?.note ?? null,
    };
  }

  /** RFC 9162 consistency proof that the tree of `to` (default: the newest checkpoint's) extends the tree of `from`. */
  @Get('proofs/consistency')
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: false })
  async consistency(@Query('from') fromText?: string, @Query('to') toText?: string) {
    const { tables } = this.tree;
    const from = wholeNumber('from', fromText, 0, tables.size());
    this.integrity.assertNotFailed();
    const to = await this.treeSize('to', toText, from);
    return {
      from,
      to,
      fromRoot: b64(tables.root(from)),
      toRoot: b64(tables.root(to)),
      consistencyProof: tables.consistencyProof(from, to).map(b64),
      checkpoints: { from: (await this.status.cosigned(from))?.note ?? null, to: (await this.status.cosigned(to))?.note ?? null },
    };
  }

  /** A tree size in [min, current size]; by default the newest checkpoint's (signed now if it is too small). */
  private async treeSize(field: string, text: string | undefined, min: number): Promise<number> {
    const size = this.tree.tables.size();
    if (text === undefined) return (await this.signer.covering(min)).treeSize;
    const value = wholeNumber(field, text, 0);
    if (value < min || value > size) throw badInput(field, `must be between ${min} and the tree size ${size}, got ${value}`);
    return value;
  }

  private describe({ record, cosignatures, note }: NonNullable<Awaited<ReturnType<TransparencyStatus['cosigned']>>>) {
    return {
      treeSize: record.treeSize,
      rootHash: b64(record.rootHash),
      signedAt: record.signedAt,
      checkpoint: note,
      cosignatures: cosignatures.map(({ witness, keyName, timestamp }) => ({
        witness,
        keyName,
        cosignedAt: new Date(timestamp * 1000).toISOString(),
      })),
      witnessed: cosignatures.length > 0,
    };
  }
}
