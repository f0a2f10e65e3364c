import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger.config';

/** How the ledger signs its tree and whom it asks to witness it; from the environment, checked once at start-up. */
export interface TransparencySettings {
  /** Checkpoint origin and signing key name (C2SP: a schema-less URL naming the log). */
  origin: string;
  signingKeyFile: string;
  /** The public half, in the data folder (public: auditors take it, the audit copy carries it). */
  publicKeyFile: string;
  /** Sign once this many events have been added since the last checkpoint... */
  everyEvents: number;
  /** ...or once this many seconds have passed with any added. */
  everySeconds: number;
  /** Base URLs of the C2SP tlog-witness witnesses each checkpoint is sent to (LEDGER_WITNESSES, comma-separated). */
  witnesses: string[];
  /** How many of them the policy the ledger publishes asks to cosign (LEDGER_WITNESS_QUORUM, default 1). */
  witnessQuorum: number;
  /** A witness that fails is tried again after `firstMs`, doubling up to `maxMs`. */
  witnessRetry: { firstMs: number; maxMs: number };
  witnessTimeoutMs: number;
}

export const PUBLIC_KEY_FILE = 'ledger-public-key.pem';
export const TRANSPARENCY_SETTINGS = Symbol('TRANSPARENCY_SETTINGS');

export function transparencySettings(
  config: Pick<LedgerConfig, 'dataDir' | 'signingKeyFile'>,
  env: NodeJS.ProcessEnv = process.env,
): TransparencySettings {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got "${env[name]}"`);
    return value;
  };
  const origin = env.LEDGER_LOG_ORIGIN ?? 'commissioning-decision-ledger';
  if (!origin || /[\s+]/.test(origin)) throw new Error(`LEDGER_LOG_ORIGIN must be a name without spaces or "+", got "${origin}"`);
  const witnesses = [
    ...new Set(
      (env.LEDGER_WITNESSES ?? '')
        .split(',')
        .map((url) => url.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  ];
  for (const url of witnesses) {
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`LEDGER_WITNESSES must be http(s) base URLs separated by commas, got "${url}"`);
  }
  const witnessQuorum = Math.floor(positive('LEDGER_WITNESS_QUORUM', 1));
  if (witnesses.length > 0 && witnessQuorum > witnesses.length) {
    throw new Error(`LEDGER_WITNESS_QUORUM (${witnessQuorum}) is more than the ${witnesses.length} witnesses of LEDGER_WITNESSES`);
  }
  return {
    origin,
    signingKeyFile: config.signingKeyFile,
    publicKeyFile: join(config.dataDir, PUBLIC_KEY_FILE),
    everyEvents: Math.floor(positive('LEDGER_CHECKPOINT_EVERY_EVENTS', 1000)),
    everySeconds: positive('LEDGER_CHECKPOINT_EVERY_SECONDS', 10),
    witnesses,
    witnessQuorum,
    witnessRetry: { firstMs: positive('LEDGER_WITNESS_RETRY_MS', 1000), maxMs: 300_000 },
    witnessTimeoutMs: positive('LEDGER_WITNESS_TIMEOUT_MS', 5000),
  };
}
