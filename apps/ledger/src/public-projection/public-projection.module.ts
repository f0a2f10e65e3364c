import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { PublicProjection } from './public-projection';
import { PUBLIC_WRITER_LOCK, publicWriterLockProvider } from './public-writer-lock';

/** Writes the public projection the public site (apps/public) reads, on the one node holding its lock. */
@Module({
  imports: [DecisionsModule],
  providers: [publicWriterLockProvider, PublicProjection],
  exports: [PublicProjection, PUBLIC_WRITER_LOCK],
})
export class PublicProjectionModule {}
