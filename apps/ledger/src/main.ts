import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { ledgerConfig } from './config/ledger.config';
import { configureLedgerApp } from './ledger.app';
import { LedgerModule } from './ledger.module';

async function bootstrap(): Promise<void> {
  const app = configureLedgerApp(await NestFactory.create(LedgerModule));
  const config = app.get<ConfigType<typeof ledgerConfig>>(ledgerConfig.KEY);
  await app.listen(config.port);
  Logger.log(`ledger listening on http://localhost:${config.port} (store: ${config.store})`, 'Ledger');
}

void bootstrap();
