import { isIP } from 'node:net';

/**
 * The address the ledger, the public site and the witness listen on (HOST). Localhost unless told: a
 * process started by hand is not reachable from the network by accident; a container sets 0.0.0.0 (the
 * compose files do) to be reachable through its published ports. Shared here: the public site and the witness load it too.
 */
export const DEFAULT_HOST = '127.0.0.1';

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function listeningHost(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  if (isIP(host) === 0 && !HOST_NAME.test(host)) throw new Error(`HOST must be an IP address or a host name, got "${env.HOST}"`);
  return host;
}

/** Where a person on this machine can open a server listening on `host` (every interface: localhost). */
export function listeningUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
