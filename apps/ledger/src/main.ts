import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { ledgerConfig } from './config/ledger.config';
import { listeningUrl } from '@ledger/public-contract';
import { configureLedgerApp, LEDGER_APP_OPTIONS } from './ledger.app';
import { LedgerModule } from './ledger.module';
import { HistorySeed } from './seed/history-seed';
import { TreeIntegrity } from './transparency/tree-integrity';

async function bootstrap(): Promise<void> {
  // Settings first, outside Nest, so a bad one (a private key in the data folder) stops the ledger in one line.
  try {
    ledgerConfig();
  } catch (error) {
    console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const app = configureLedgerApp(await NestFactory.create(LedgerModule, LEDGER_APP_OPTIONS));
  const config = app.get<ConfigType<typeof ledgerConfig>>(ledgerConfig.KEY);
  // Initialise first: command handlers register, and the check of the tree starts, when the application bootstraps.
  await app.init();
  const seed = app.get(HistorySeed);
  const plan = config.seedOnStart ? await seed.plan() : undefined;
  if (plan?.due) {
    // Seeding writes: it waits for the check (quick on a ledger empty or seeded in part).
    const check = await app.get(TreeIntegrity).settled();
    if (check.status !== 'passed')
      Logger.error(`not seeding: the tree check failed (${check.status === 'failed' ? check.rule : ''})`, 'Ledger');
    else await seedNow(seed);
  } else if (plan) {
    Logger.log(`not seeding: ${plan.reason}`, 'Ledger');
  }
  await app.listen(config.port, config.host);
  Logger.log(`ledger listening on ${listeningUrl(config.host, config.port)} (store: ${config.store})`, 'Ledger');
}

/** A seed that fails is reported and the ledger still starts: what was recorded stays, the rest resumes next time. */
async function seedNow(seed: HistorySeed): Promise<void> {
  await seed.seedIfEmpty().then(
    (outcome) =>
      Logger.log(
        outcome.seeded
          ? `seeded ${outcome.recorded} commands of real history from ${outcome.file}` +
              (outcome.alreadyRecorded > 0 ? ` (resumed: ${outcome.alreadyRecorded} lines were already recorded)` : '')
          : `not seeding: ${outcome.reason}`,
        'Ledger',
      ),
    (error) => Logger.error(`seeding stopped: ${error instanceof Error ? error.message : error}`, 'Ledger'),
  );
}

void bootstrap();
