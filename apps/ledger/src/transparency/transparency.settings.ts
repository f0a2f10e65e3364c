import { join } from 'node:path';

/** How the ledger signs its tree; from the environment, checked once at start-up like the rest of the configuration. */
export interface TransparencySettings {
  /** Checkpoint origin and signing key name (C2SP: a schema-less URL naming the log). */
  origin: string;
  signingKeyFile: string;
  publicKeyFile: string;
  /** Sign once this many events have been added since the last checkpoint... */
  everyEvents: number;
  /** ...or once this many seconds have passed with any added. */
  everySeconds: number;
}

export const TRANSPARENCY_SETTINGS = Symbol('TRANSPARENCY_SETTINGS');
export const SIGNING_KEY_FILE = 'ledger-signing-key.pem';
export const PUBLIC_KEY_FILE = 'ledger-public-key.pem';

export function transparencySettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): TransparencySettings {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got "${env[name]}"`);
    return value;
  };
  const origin = env.LEDGER_LOG_ORIGIN ?? 'commissioning-decision-ledger';
  if (!origin || /[\s+]/.test(origin)) throw new Error(`LEDGER_LOG_ORIGIN must be a name without spaces or "+", got "${origin}"`);
  return {
    origin,
    signingKeyFile: env.LEDGER_SIGNING_KEY_FILE ?? join(dataDir, SIGNING_KEY_FILE),
    publicKeyFile: join(dataDir, PUBLIC_KEY_FILE),
    everyEvents: Math.floor(positive('LEDGER_CHECKPOINT_EVERY_EVENTS', 1000)),
    everySeconds: positive('LEDGER_CHECKPOINT_EVERY_SECONDS', 10),
  };
}
