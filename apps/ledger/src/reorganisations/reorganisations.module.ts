import { Module } from '@nestjs/common';

/** Placeholder: filled in by the feature's implementation. */
@Module({})
export class ReorganisationsModule {}
