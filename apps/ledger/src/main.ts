import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { ledgerConfig } from './config/ledger.config';
import { configureLedgerApp, LEDGER_APP_OPTIONS } from './ledger.app';
import { LedgerModule } from './ledger.module';
import { HistorySeed } from './seed/history-seed';

async function bootstrap(): Promise<void> {
  const app = configureLedgerApp(await NestFactory.create(LedgerModule, LEDGER_APP_OPTIONS));
  const config = app.get<ConfigType<typeof ledgerConfig>>(ledgerConfig.KEY);
  // Initialise first: command handlers register when the application bootstraps.
  await app.init();
  if (config.seedOnStart) {
    // A seed that fails is reported and the ledger still starts: what was recorded stays, the rest resumes next time.
    await app
      .get(HistorySeed)
      .seedIfEmpty()
      .then(
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
  await app.listen(config.port);
  Logger.log(`ledger listening on http://localhost:${config.port} (store: ${config.store})`, 'Ledger');
}

void bootstrap();
