import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LedgerModule } from '../ledger.module';
import { TreeIntegrity } from '../transparency/tree-integrity';

export type Ledger = INestApplicationContext;

/**
 * The ledger's application without its HTTP server, for one command, on the same store and configuration
 * (LEDGER_DATA_DIR, LEDGER_KEYS_DIR…). A command that writes first waits for the check of the tree, and does not
 * run when it failed: it prints the rule and the position, as /health gives them.
 */
export async function withLedger(work: (ledger: Ledger) => Promise<number>, { writes = false } = {}): Promise<number> {
  // A one-off command: projections catch up when asked to, and do not follow the ledger live.
  process.env.LEDGER_PROJECTIONS = 'manual';
  const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
  try {
    if (writes) {
      const check = await ledger.get(TreeIntegrity).settled();
      if (check.status === 'failed') {
        console.error(`refused: the tree check failed: ${check.rule} at position ${check.position} (${check.how}): ${check.message}`);
        return 1;
      }
    }
    return await work(ledger);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await ledger.close();
  }
}

/** `--name value` pairs (a name may repeat); `flags` are names that take no value. */
export function parseOptions(args: string[], usage: string, flags: readonly string[] = []): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i += 1) {
    const name = args[i]?.replace(/^--/, '');
    if (flags.includes(name)) {
      (options[name] ??= []).push('true');
      continue;
    }
    const value = args[i + 1];
    if (!args[i]?.startsWith('--') || value === undefined) throw new Error(`option ${args[i]} needs a value\n${usage}`);
    (options[name] ??= []).push(value);
    i += 1;
  }
  return options;
}
