import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { ApiKeys } from '../access/api-keys';
import { Role } from '../access/actor';
import { CommandImport, ImportLineRefused } from '../import/command-import';
import { LedgerModule } from '../ledger.module';

const USAGE = `usage: npm run ledger -- <command>
  import FILE                                   record the commands of a JSON-lines file, in order
  keys create --role officer|auditor|admin [--body BODY_ID ...] [--label TEXT]
                                                create an API key (printed once; stored hashed)`;

/** The ledger's command line, on the same store and configuration as the HTTP service (LEDGER_DATA_DIR...). */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'import' && rest.length === 1) return withLedger(async (ledger) => runImport(ledger.get(CommandImport), rest[0], out));
  if (command === 'keys' && rest[0] === 'create') {
    const options = parseOptions(rest.slice(1));
    return withLedger(async (ledger) => {
      const key = ledger.get(ApiKeys).create(options.role?.[0] as Role, options.body ?? [], options.label?.[0]);
      out(`created ${key.role} key ${key.keyId}${key.bodies.length ? ` for ${key.bodies.join(', ')}` : ''}`);
      out(key.token);
      return 0;
    });
  }
  out(USAGE);
  return 2;
}

async function runImport(importer: CommandImport, file: string, out: (line: string) => void): Promise<number> {
  try {
    const { recorded } = await importer.importText(readFileSync(file, 'utf8'));
    out(`imported ${recorded} commands from ${file}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportLineRefused)) throw error;
    out(`import stopped at ${file}:${error.line}: rule ${error.rule} (${error.status}): ${error.detail}`);
    out(`lines before ${error.line} were recorded; line ${error.line} and after were not`);
    return 1;
  }
}

async function withLedger(work: (ledger: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<number>): Promise<number> {
  const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
  try {
    return await work(ledger);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await ledger.close();
  }
}

function parseOptions(args: string[]): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    const value = args[i + 1];
    if (!name || value === undefined) throw new Error(`option ${args[i]} needs a value\n${USAGE}`);
    (options[name] ??= []).push(value);
  }
  return options;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
