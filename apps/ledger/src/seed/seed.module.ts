import { Module } from '@nestjs/common';
import { ImportModule } from '../import/import.module';
import { HistorySeed } from './history-seed';

@Module({ imports: [ImportModule], providers: [HistorySeed], exports: [HistorySeed] })
export class SeedModule {}
