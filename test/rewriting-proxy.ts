import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A server between a client and the ledger: forwards every request, rewriting what `rewrite` chooses in the JSON answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a rewrite reaches into answers field by field
export function rewritingProxy(target: string, rewrite: (path: string, body: Record<string, any>) => void): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const forwarded = request(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        rewrite(incoming.url ?? '', body);
        const text = JSON.stringify(body);
        outgoing.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        outgoing.end(text);
      });
    });
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
