import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** The clock every feature reads today from. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
