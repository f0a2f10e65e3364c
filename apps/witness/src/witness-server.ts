import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Witness, WitnessAnswer } from './witness';

const MAX_BODY = 64 * 1024;

/**
 * The witness over HTTP (plain node:http): `POST /add-checkpoint` (C2SP tlog-witness), `GET /verifier-key` (its
 * vkey, for a log's configuration or an auditor's policy), `GET /<hex SHA-256 of an origin>/checkpoint` (the newest
 * checkpoint it cosigned for that log: the C2SP monitoring call), and `GET /` (what it is and which logs it witnesses).
 */
export function witnessServer(witness: Witness): Server {
  const byHash = new Map(witness.origins().map((origin) => [createHash('sha256').update(origin).digest('hex'), origin]));
  return createServer((request, response) => {
    void handle(witness, byHash, request, response).catch(() =>
      send(response, { status: 500, contentType: 'text/plain; charset=utf-8', body: 'the witness could not answer\n' }),
    );
  });
}

async function handle(witness: Witness, byHash: Map<string, string>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const plain = (status: number, body: string) => send(response, { status, contentType: 'text/plain; charset=utf-8', body: `${body}\n` });
  if (path === '/add-checkpoint') {
    if (request.method !== 'POST') return plain(405, 'add-checkpoint is a POST');
    const body = await readBody(request);
    if (body === undefined) return plain(413, `the request is larger than ${MAX_BODY} bytes`);
    return send(response, await witness.addCheckpoint(body));
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'only GET, HEAD and POST /add-checkpoint');
  if (path === '/verifier-key') return plain(200, witness.verifierKey.text);
  const monitoring = /^\/([0-9a-f]{64})\/checkpoint$/.exec(path);
  if (monitoring) {
    const origin = byHash.get(monitoring[1]);
    const note = origin === undefined ? undefined : witness.latest(origin);
    return note === undefined
      ? plain(404, 'this witness has cosigned no checkpoint of that log')
      : send(response, { status: 200, contentType: 'text/plain; charset=utf-8', body: note });
  }
  if (path === '/') {
    return plain(
      200,
      `C2SP tlog-witness ${witness.verifierKey.name}\nverifier key: ${witness.verifierKey.text}\nwitnesses: ${witness.origins().join(', ')}`,
    );
  }
  return plain(404, 'no such page');
}

function send(response: ServerResponse, { status, contentType, body }: WitnessAnswer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
}

/** The body, or undefined past MAX_BODY (the rest is not read). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
