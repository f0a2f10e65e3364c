import { createHash } from 'node:crypto';

/**
 * The ledger's side of C2SP tlog-witness, over fetch: `POST <url>/add-checkpoint` with the old size, a
 * consistency proof and the new checkpoint; `GET <url>/<hex(SHA-256(origin))>/checkpoint`, the newest checkpoint
 * a witness cosigned for the log (the monitoring call); and `GET <url>/verifier-key`, the witness's key.
 */
export type AddCheckpointAnswer = { status: 200; lines: string[] } | { status: 409; size: number } | { status: number; message: string };

export class WitnessClient {
  constructor(private readonly timeoutMs: number) {}

  async addCheckpoint(url: string, oldSize: number, proof: readonly Buffer[], note: string): Promise<AddCheckpointAnswer> {
    const body = `old ${oldSize}\n${proof.map((hash) => `${hash.toString('base64')}\n`).join('')}\n${note}`;
    const response = await fetch(`${url}/add-checkpoint`, { method: 'POST', body, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await response.text();
    if (response.status === 200)
      return {
        status: 200,
        lines: text
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => `${line}\n`),
      };
    if (
      response.status === 409 &&
      response.headers.get('content-type')?.startsWith('text/x.tlog.size') &&
      /^(0|[1-9][0-9]*)\n$/.test(text)
    ) {
      return { status: 409, size: Number(text.trim()) };
    }
    return { status: response.status, message: text.trim().slice(0, 300) || response.statusText };
  }

  /** The newest checkpoint the witness cosigned for `origin`, or undefined when it has none (404). */
  async heldCheckpoint(url: string, origin: string): Promise<string | undefined> {
    const response = await fetch(`${url}/${createHash('sha256').update(origin).digest('hex')}/checkpoint`, {
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET checkpoint answered ${response.status}`);
    return response.text();
  }

  async verifierKey(url: string): Promise<string> {
    const response = await fetch(`${url}/verifier-key`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`GET verifier-key answered ${response.status}`);
    return (await response.text()).trim();
  }
}
