import { leafHash } from '@ledger/transparency-log';
import { Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../apps/ledger/src/cli/main';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { CheckpointSigner } from '../apps/ledger/src/transparency/checkpoint-signer';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { rewritingProxy, urlOf } from './rewriting-proxy';

const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');

describe('verify --url against a lying server', () => {
  let ledger: LedgerTestApp;
  let direct: string;
  let saved: string;
  let publicKey: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    ledger = await startLedger();
    const dataDir = process.env.LEDGER_DATA_DIR!;
    await ledger.app.get(CommandImport).importText(seed.split('\n').slice(0, 60).join('\n'));
    await ledger.app.get(CheckpointSigner).signLatest();
    await ledger.app.listen(0, '127.0.0.1');
    direct = urlOf(ledger.app.getHttpServer());
    // The auditor saves the checkpoint it saw; the ledger then grows and signs again.
    saved = join(dataDir, 'saved-checkpoint.txt');
    writeFileSync(saved, ((await (await fetch(`${direct}/ledger/checkpoint`)).json()) as { checkpoint: string }).checkpoint);
    await ledger.app.get(CommandImport).importText(seed.split('\n').slice(60).join('\n'));
    await ledger.app.get(CheckpointSigner).signLatest();
    publicKey = join(dataDir, 'ledger-public-key.pem');
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await ledger.close();
  });

  const verify = async (url: string) => {
    const lines: string[] = [];
    const auditorKey = ledger.keys.auditor.replace(/^Bearer /, '');
    const code = await runCli(['verify', '--url', url, '--checkpoint', saved, '--public-key', publicKey, '--key', auditorKey], (line) =>
      lines.push(line),
    );
    return { code, lines };
  };

  it('passes the honest ledger: its checkpoint extends the saved one and every event hashes to it', async () => {
    expect(await verify(direct)).toEqual({
      code: 0,
      lines: [expect.stringMatching(/^verify: ok: .*consistent with the saved checkpoint/)],
    });
  });

  it('fails when a proxy rewrites one event in its answers, even with the leaf hash recomputed to match', async () => {
    const liar = await rewritingProxy(direct, (path, body) => {
      if (!path.startsWith('/events')) return;
      for (const event of (body.events as { position: number; canonical: string; leafHash: string }[] | undefined) ?? []) {
        if (event.position !== 42) continue;
        event.canonical = event.canonical.replace('"recordedAt":"2', '"recordedAt":"1');
        event.leafHash = leafHash(event.canonical).toString('base64');
      }
    });
    servers.push(liar);
    const { code, lines } = await verify(urlOf(liar));
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^verify: FAILED: the events served do not hash to the signed root/)]);
  });

  it('fails when a proxy serves a consistency proof that does not link the saved checkpoint', async () => {
    const liar = await rewritingProxy(direct, (path, body) => {
      if (path.startsWith('/ledger/proofs/consistency')) (body.consistencyProof as string[]).reverse();
    });
    servers.push(liar);
    const { code, lines } = await verify(urlOf(liar));
    expect([code, lines]).toEqual([1, [expect.stringMatching(/history rewritten/)]]);
  });
});
