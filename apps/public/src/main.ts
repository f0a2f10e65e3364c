import { resolve } from 'node:path';
import { listeningHost, listeningUrl } from '@ledger/public-contract';
import { PublicSite } from './public-site';

/** The public site, a process of its own beside the ledger: `npm run start:public` (PUBLIC_PORT, default 3001; HOST). */
const port = Number(process.env.PUBLIC_PORT ?? 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PUBLIC_PORT must be a port number, got "${process.env.PUBLIC_PORT}"`);
  process.exit(1);
}
let host: string;
try {
  host = listeningHost();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const site = new PublicSite(resolve(process.env.LEDGER_DATA_DIR ?? './data'));
const server = site.server().listen(port, host, () => console.log(`public site listening on ${listeningUrl(host, port)} (read-only)`));
const stop = () => server.close(() => (site.close(), process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
