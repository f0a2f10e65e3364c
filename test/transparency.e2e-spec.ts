import {
  checkCheckpoint,
  noteSigner,
  parseVerifierKey,
  Policy,
  policyOfLogKey,
  verifyConsistency,
  verifyEvidence,
  verifyInclusion,
} from '@ledger/transparency-log';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../apps/ledger/src/cli/main';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { CheckpointSigner } from '../apps/ledger/src/transparency/checkpoint-signer';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');
const DECISION = '/decisions/cheshire-governing-bodies-2019-09/merger-ballot-result/nhs-vale-royal-ccg-governing-body';
const b64 = (hash: string) => Buffer.from(hash, 'base64');

describe('the transparency log over HTTP (seeded real history)', () => {
  let ledger: LedgerTestApp;
  let dataDir: string;
  let policy: Policy;
  const get = async (path: string, status = 200) =>
    (await ledger.http().get(path).set('Authorization', ledger.keys.auditor).expect(status)).body;

  beforeAll(async () => {
    ledger = await startLedger();
    dataDir = process.env.LEDGER_DATA_DIR!;
    await ledger.app.get(CommandImport).importText(seed);
    await ledger.settled();
    policy = await policyOfLogKey(await parseVerifierKey((await get('/ledger/public-key')).verifierKey));
  });
  afterAll(() => ledger.close());

  const open = async (note: string) => {
    const opened = await checkCheckpoint(note, policy);
    if (!opened.ok) throw new Error(opened.reason);
    return opened.checkpoint;
  };

  it('signs a checkpoint of the empty ledger at start and serves older checkpoints by size', async () => {
    expect(await open((await get('/ledger/checkpoints/0')).checkpoint)).toMatchObject({ size: 0 });
    expect((await get('/ledger/checkpoint?size=0')).treeSize).toBe(0);
    expect((await get('/ledger/checkpoints')).treeSizes[0]).toBe(0);
  });

  it('proves every event is in the signed tree, and that the tree only grew', async () => {
    const { eventCount, position } = await ledger.head();
    expect(eventCount).toBe(position);
    const signed = await ledger.app.get(CheckpointSigner).signLatest();
    const latest = await get('/ledger/checkpoint');
    const checkpoint = await open(latest.checkpoint);
    expect(checkpoint.size).toBe(eventCount);
    expect(latest).toMatchObject({ treeSize: signed.treeSize, rootHash: Buffer.from(checkpoint.rootHash).toString('base64') });
    for (const p of [1, 2, Math.floor(eventCount / 2), eventCount]) {
      const proof = await get(`/ledger/proofs/inclusion?position=${p}`);
      expect(proof).toMatchObject({ position: p, leafIndex: p - 1, treeSize: eventCount, checkpoint: latest.checkpoint });
      expect(await verifyInclusion(p - 1, eventCount, b64(proof.leafHash), proof.inclusionProof.map(b64), checkpoint.rootHash)).toBe(true);
      const event = await get(`/events/${p}`);
      expect(event).toMatchObject({ position: p, leafHash: proof.leafHash, matchesLoggedLeaf: true });
      expect(Buffer.from(event.canonicalBase64, 'base64').toString('utf8')).toBe(event.canonical);
      expect(JSON.parse(event.canonical)).toMatchObject({ position: p, id: event.event.id, stream: event.event.stream });
    }
    const older = await get(`/ledger/proofs/inclusion?position=3&treeSize=10`);
    expect(await verifyInclusion(2, 10, b64(older.leafHash), older.inclusionProof.map(b64), b64(older.rootHash))).toBe(true);
    const consistency = await get(`/ledger/proofs/consistency?from=7&to=${eventCount}`);
    expect(consistency.toRoot).toBe(latest.rootHash);
    expect(
      await verifyConsistency(7, eventCount, b64(consistency.fromRoot), checkpoint.rootHash, consistency.consistencyProof.map(b64)),
    ).toBe(true);
    const health = await get('/health');
    expect(health.info.eventStore).toMatchObject({ status: 'up', position, eventCount, store: 'sqlite', signer: true });
  });

  it('shows a stream in order, and the corrections of its facts with who made them and why', async () => {
    const stream = await get('/streams/body-nhs-vale-royal-ccg');
    const renaming = stream.events[0];
    expect(stream.events.map((event: { streamRevision: number }) => event.streamRevision)).toEqual(
      stream.events.map((_: unknown, i: number) => i),
    );
    const source = { title: 'Establishment order', reference: 'art. 2' };
    await ledger
      .http()
      .post('/corrections')
      .set('Authorization', ledger.keys.admin)
      .send({
        stream: 'body-nhs-vale-royal-ccg',
        correctedEventId: renaming.id,
        reason: 'wrong ODS code',
        changes: { odsCode: '02D' },
        source,
      })
      .expect(201);
    const { corrections } = await get(`/streams/body-nhs-vale-royal-ccg/corrections?eventId=${renaming.id}`);
    expect(corrections).toEqual([
      expect.objectContaining({
        correctedEventId: renaming.id,
        corrected: expect.objectContaining({ position: renaming.globalPosition, type: renaming.type }),
        reason: 'wrong ODS code',
        changes: { odsCode: '02D' },
        source,
        actor: expect.stringMatching(/^key:/),
        role: 'admin',
        commandId: expect.any(String),
      }),
    ]);
  });

  it.each([
    ['/ledger/proofs/inclusion?position=abc', 'position'],
    ['/ledger/proofs/inclusion', 'position'],
    ['/ledger/proofs/inclusion?position=0', 'position'],
    ['/ledger/proofs/inclusion?position=1&treeSize=99999999', 'treeSize'],
    ['/ledger/proofs/inclusion?position=5&treeSize=2', 'treeSize'],
    ['/ledger/proofs/consistency?from=-1', 'from'],
    ['/ledger/proofs/consistency?from=5&to=3', 'to'],
    ['/ledger/proofs/consistency?from=99999999999', 'from'],
    ['/ledger/checkpoints/1e3', 'size'],
    ['/events/12345678901234567890', 'position'],
    ['/events?limit=100000', 'limit'],
    ['/streams/not%20a%20stream', 'stream'],
  ])('answers %s with 400 naming %s', async (path, field) => {
    const body = await get(path, 400);
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      rule: 'invalid-parameter',
      field,
      message: expect.stringContaining(field),
    });
  });

  it.each([
    ['/events/999999', 'unknown-position'],
    ['/ledger/proofs/inclusion?position=999999', 'unknown-position'],
    ['/ledger/checkpoints/3', 'unknown-checkpoint'],
    ['/streams/body-nobody', 'unknown-stream'],
    ['/streams/body-nhs-vale-royal-ccg/corrections?eventId=nope', 'unknown-event'],
  ])('answers %s with 404 (%s)', async (path, rule) => {
    expect(await get(path, 404)).toEqual({ statusCode: 404, error: 'Not Found', rule, message: expect.any(String) });
  });

  it("gives the evidence behind a decision's verdict in one file the standalone verifier accepts, and nothing tampered", async () => {
    const decision = await get(DECISION);
    const bundle = await get(`${DECISION}/evidence`);
    expect(bundle.subject.verdict).toEqual(decision.verdict);
    expect(bundle.cited).toEqual(expect.arrayContaining(decision.citedEvents));
    expect(bundle.events.length).toBe(bundle.cited.length);
    expect(await verifyEvidence(bundle, policy)).toMatchObject({ ok: true, checked: bundle.events.length });

    const file = join(dataDir, 'evidence.json');
    writeFileSync(file, JSON.stringify(bundle));
    const lines: string[] = [];
    expect(
      await runCli(['verify-evidence', file, '--public-key', join(dataDir, 'ledger-public-key.pem')], (line) => lines.push(line)),
    ).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^evidence: ok/)]);

    const edited = structuredClone(bundle);
    edited.events[0].canonical = edited.events[0].canonical.replace('"type":"', '"type":"X');
    edited.events[0].leafHash = 'x';
    expect((await verifyEvidence(edited, policy)).ok).toBe(false);
    const dropped = { ...bundle, events: bundle.events.slice(1) };
    expect((await verifyEvidence(dropped, policy)).problems).toEqual([expect.stringContaining('has no evidence')]);
    const stranger = await noteSigner(policy.logs[0].key.name, generateKeyPairSync('ed25519').privateKey);
    expect((await verifyEvidence(bundle, await policyOfLogKey(stranger.verifierKey))).ok).toBe(false);
    await get('/decisions/no-meeting/no-item/no-body/evidence', 404);
  });

  it('serves the raw event log to anyone, with every meeting content text sealed as it is stored', async () => {
    const stream = await ledger.http().get('/streams/body-nhs-vale-royal-ccg').expect(200);
    expect(stream.body.events.length).toBeGreaterThan(0);
    const page = await ledger.http().get('/events?from=1&limit=1000').expect(200);
    const items = page.body.events.filter((entry: { canonical: string }) => entry.canonical.includes('"AgendaItemAdded"'));
    expect(items.length).toBeGreaterThan(0);
    for (const entry of items) expect(entry.canonical).toMatch(/"text":"sealed:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+"/);
  });
});
