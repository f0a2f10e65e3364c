import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keysDirBeside } from '../apps/ledger/src/config/keys-dir';
import { DEFAULT_HOST, listeningHost, listeningUrl } from '@ledger/public-contract';
import { freePort, type LedgerProcess, spawnLedger, startLedgerProcess, stopLedgerProcess } from './ledger-process';

/** HOST chooses the address the servers listen on; without it, localhost only. 127.0.0.2 is loopback too (Linux routes 127/8 there). */
describe('HOST: the listening address', () => {
  describe('listeningHost', () => {
    it('is 127.0.0.1 when HOST is unset or blank, and HOST otherwise', () => {
      expect(DEFAULT_HOST).toBe('127.0.0.1');
      expect(listeningHost({})).toBe('127.0.0.1');
      expect(listeningHost({ HOST: ' ' })).toBe('127.0.0.1');
      expect(listeningHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
      expect(listeningHost({ HOST: '::1' })).toBe('::1');
      expect(listeningHost({ HOST: 'ledger.internal' })).toBe('ledger.internal');
    });

    it('refuses a HOST that is neither an address nor a host name, naming it', () => {
      expect(() => listeningHost({ HOST: 'http://0.0.0.0:3000' })).toThrow(
        'HOST must be an IP address or a host name, got "http://0.0.0.0:3000"',
      );
      expect(() => listeningHost({ HOST: 'two words' })).toThrow(/HOST must be/);
    });

    it('shows a URL a person can open', () => {
      expect(listeningUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
      expect(listeningUrl('::1', 3000)).toBe('http://[::1]:3000');
      expect(listeningUrl('127.0.0.1', 3001)).toBe('http://127.0.0.1:3001');
    });
  });

  const folders: string[] = [];
  const running: LedgerProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((child) => stopLedgerProcess(child)));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const fresh = () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-host-'));
    folders.push(folder, keysDirBeside(folder));
    return folder;
  };
  const answers = (url: string) =>
    fetch(url).then(
      (response) => response.status,
      () => 0,
    );
  const untilAnswered = async (url: string, child: LedgerProcess) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.child.exitCode !== null) throw new Error(`exited:\n${child.output()}`);
      if ((await answers(url)) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${url} did not answer in 60 s:\n${child.output()}`);
  };

  it('the ledger listens on localhost by default and on HOST when given, nowhere else', async () => {
    const byDefault = await startLedgerProcess(fresh(), { HOST: '' });
    running.push(byDefault);
    const port = new URL(byDefault.url).port;
    expect(await answers(`http://127.0.0.1:${port}/health`)).toBe(200);
    expect(await answers(`http://127.0.0.2:${port}/health`)).toBe(0);
    expect(byDefault.output()).toContain(`listening on http://127.0.0.1:${port}`);

    const elsewhere = await startLedgerProcess(fresh(), { HOST: '127.0.0.2' }, false);
    running.push(elsewhere);
    const other = new URL(elsewhere.url).port;
    await untilAnswered(`http://127.0.0.2:${other}/health`, elsewhere);
    expect(await answers(`http://127.0.0.1:${other}/health`)).toBe(0);
  });

  it('the public site listens on localhost by default and on HOST when given', async () => {
    const site = async (host: string) => {
      const port = await freePort();
      const child = spawnLedger('apps/public/src/main.js', [], { LEDGER_DATA_DIR: fresh(), PUBLIC_PORT: String(port), HOST: host });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const process = { child, url: '', output: () => output };
      running.push(process);
      return { process, port };
    };
    const byDefault = await site('');
    await untilAnswered(`http://127.0.0.1:${byDefault.port}/`, byDefault.process);
    expect(await answers(`http://127.0.0.2:${byDefault.port}/`)).toBe(0);
    const elsewhere = await site('127.0.0.2');
    await untilAnswered(`http://127.0.0.2:${elsewhere.port}/`, elsewhere.process);
    expect(await answers(`http://127.0.0.1:${elsewhere.port}/`)).toBe(0);
  });
});
