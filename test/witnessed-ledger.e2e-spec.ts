import { checkCheckpoint, parsePolicy } from '@ledger/transparency-log';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/ledger/src/cli/main';
import { keysDirBeside } from '../apps/ledger/src/config/keys-dir';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTree } from '../apps/ledger/src/transparency/ledger-tree';
import { TransparencyStatus } from '../apps/ledger/src/transparency/transparency-status';
import { PublicSite } from '../apps/public/src/public-site';
import { WitnessClient } from '../apps/ledger/src/transparency/witnesses/witness-client';
import { freePort, LedgerProcess, startWitnessProcess, stopLedgerProcess } from './ledger-process';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { rewritingProxy, urlOf } from './rewriting-proxy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read field by field in the assertions
type Json = Record<string, any>;
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8').split('\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (bounded). */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${ms / 1000} s`);
}

/**
 * The ledger with a witness: every new checkpoint goes to the witness, which cosigns it; the ledger keeps the
 * cosignature and serves the checkpoint with it. A witness that is down holds up nothing and is tried again; a
 * split view (a log showing one history to its witness and another to a client) is caught by a client that checks
 * the policy, and refused by the witness.
 */
describe('a ledger witnessed by a C2SP witness', () => {
  let ledger: LedgerTestApp;
  let witness: LedgerProcess | undefined;
  let witnessPort: number;
  let witnessDir: string;
  let url: string;
  const servers: Server[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    witnessPort = await freePort();
    witnessDir = mkdtempSync(join(tmpdir(), 'ledger-witness-'));
    folders.push(witnessDir, `${witnessDir}-keys`);
    process.env.LEDGER_WITNESSES = `http://127.0.0.1:${witnessPort}`;
    process.env.LEDGER_CHECKPOINT_EVERY_SECONDS = '0.2';
    process.env.LEDGER_WITNESS_RETRY_MS = '100';
    ledger = await startLedger();
    delete process.env.LEDGER_WITNESSES;
    await ledger.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env.LEDGER_CHECKPOINT_EVERY_SECONDS;
    delete process.env.LEDGER_WITNESS_RETRY_MS;
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (witness) await stopLedgerProcess(witness);
    await ledger.close();
    folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  });

  const get = async (path: string, base = url) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const witnessStatus = async () => (await get('/health')).body.details.transparencyLog.witnesses[0];

  it('goes on recording while its witness is down, says so on /health, and is cosigned once the witness is up', async () => {
    const started = Date.now();
    await ledger.app.get(CommandImport).importText(seed.slice(0, 40).join('\n'));
    expect(Date.now() - started).toBeLessThan(30_000);
    const down = await eventually(async () => {
      const status = await witnessStatus();
      return status.status === 'unreachable' ? status : undefined;
    }, 'the witness reported unreachable');
    expect(down).toMatchObject({ url: `http://127.0.0.1:${witnessPort}`, cosignedSize: null });
    expect((await get('/health')).status).toBe(200);
    expect((await get('/ledger/checkpoint')).body.witnessed).toBe(false);

    const logKey = (await get('/ledger/public-key')).body.verifierKey as string;
    witness = await startWitnessProcess(witnessDir, [logKey], {
      WITNESS_PORT: String(witnessPort),
      WITNESS_NAME: 'healthwatch.example/witness',
    });
    // The next checkpoint goes to the witness at once, whatever its back-off has grown to while it was down.
    await ledger.app.get(CommandImport).importText(seed.slice(40, 41).join('\n'));
    const size = (await ledger.head()).position;
    const cosigned = await eventually(
      async () => {
        const checkpoint = (await get('/ledger/checkpoint')).body;
        return checkpoint.witnessed && checkpoint.treeSize === size ? checkpoint : undefined;
      },
      'the newest checkpoint cosigned',
      60_000,
    );
    expect(cosigned.cosignatures).toEqual([
      expect.objectContaining({ witness: `http://127.0.0.1:${witnessPort}`, keyName: 'healthwatch.example/witness' }),
    ]);
    expect(await witnessStatus()).toMatchObject({ status: 'up-to-date', lag: 0, cosignedSize: size });

    // The checkpoint carries one signature line per cosigning witness; the ledger's own policy names the witness.
    const policy = await parsePolicy((await get('/ledger/policy')).body.policy);
    expect(policy.witnesses.map(({ key }) => key.name)).toEqual(['healthwatch.example/witness']);
    expect(await checkCheckpoint(cosigned.checkpoint, policy)).toMatchObject({
      ok: true,
      cosigners: [{ keyName: 'healthwatch.example/witness' }],
    });
    // The public site shows who cosigned the latest checkpoint, and when.
    await ledger.app.get(TransparencyStatus).publish();
    const site = new PublicSite(ledger.dataDir).server();
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    servers.push(site);
    const home = await (await fetch(`${urlOf(site)}/`)).text();
    expect(home).toMatch(new RegExp(`covers\\s+<strong>${size} facts</strong>`));
    expect(home).toMatch(/healthwatch\.example\/witness<\/span>, which cosigned it \d+ \w+ \d{4} at \d\d:\d\d \(UK time\)/);
    expect(home).not.toContain('Not witnessed');
    // The witness's own record (the C2SP monitoring call) says the same.
    const held = await new WitnessClient(5000).heldCheckpoint(`http://127.0.0.1:${witnessPort}`, policy.logs[0].key.name);
    expect((await checkCheckpoint(held!, policy)).ok).toBe(true);
  });

  it('catches a split view: a fork signed with the same key, shown to a client, fails its policy; the witness refuses it', async () => {
    // The insider's fork: another ledger signing with the same key, whose history parts from the witnessed one.
    const keyFile = join(keysDirBeside(ledger.dataDir), 'ledger-signing-key.pem');
    process.env.LEDGER_SIGNING_KEY_FILE = keyFile;
    const fork = await startLedger();
    delete process.env.LEDGER_SIGNING_KEY_FILE;
    try {
      await fork.app.get(CommandImport).importText([...seed.slice(0, 20), seed[25]].join('\n'));
      await fork.app.listen(0, '127.0.0.1');
      const forkUrl = `http://127.0.0.1:${(fork.app.getHttpServer().address() as AddressInfo).port}`;
      const honest = (await get('/ledger/checkpoint')).body.checkpoint as string;
      const witnessLines = honest
        .split('\n')
        .filter((line) => line.startsWith('\u2014 healthwatch.example/witness '))
        .map((line) => `${line}\n`)
        .join('');
      expect(witnessLines).not.toBe('');
      // The proxy shows the client the fork, with the witness's cosignature of the honest checkpoint stapled on.
      const stapled = rewritingProxy(forkUrl, (path, body) => {
        if (path.startsWith('/ledger/checkpoint') && typeof body.checkpoint === 'string') body.checkpoint += witnessLines;
      });
      const plain = rewritingProxy(forkUrl, () => undefined);
      servers.push(await stapled, await plain);
      const policyFile = join(ledger.dataDir, 'auditor-policy.txt');
      writeFileSync(policyFile, (await get('/ledger/policy')).body.policy);
      const verify = async (server: Server, trust: string[]) => {
        const lines: string[] = [];
        const code = await runCli(['verify', '--url', urlOf(server), ...trust], (line) => lines.push(line));
        return { code, line: lines[0] };
      };
      // A client trusting the key alone is shown the fork and cannot tell.
      expect(await verify(await plain, ['--public-key', (await get('/ledger/public-key')).body.verifierKey])).toMatchObject({ code: 0 });
      // A client checking the policy is not: the fork has no cosignature of the witness, and a stapled one does not verify.
      expect(await verify(await plain, ['--policy', policyFile])).toEqual({ code: 1, line: expect.stringMatching(/not the quorum/) });
      expect(await verify(await stapled, ['--policy', policyFile])).toEqual({
        code: 1,
        line: expect.stringMatching(/cosignature by witness w1 does not verify/),
      });

      // And the witness, shown the fork, refuses it: it does not extend what it cosigned.
      const witnessUrl = `http://127.0.0.1:${witnessPort}`;
      const client = new WitnessClient(5000);
      const forkTree = fork.app.get(LedgerTree);
      const forkCheckpoint = (await get('/ledger/checkpoint', forkUrl)).body;
      const fromZero = await client.addCheckpoint(witnessUrl, 0, [], forkCheckpoint.checkpoint);
      expect(fromZero).toMatchObject({ status: 409 });
      const heldSize = (fromZero as { size: number }).size;
      const proof = heldSize <= forkTree.tables.size() ? forkTree.tables.consistencyProof(heldSize, forkCheckpoint.treeSize) : [];
      expect(await client.addCheckpoint(witnessUrl, heldSize, proof, forkCheckpoint.checkpoint)).toMatchObject({
        status: heldSize > forkCheckpoint.treeSize ? 400 : 422,
      });
    } finally {
      await fork.close();
    }
  });
});
