import { Module } from '@nestjs/common';
import { CommandImport } from './command-import';

@Module({ providers: [CommandImport], exports: [CommandImport] })
export class ImportModule {}
