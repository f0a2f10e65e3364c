import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { PublicProjection } from './public-projection';

/** Writes the public projection the public site (apps/public) reads. */
@Module({ imports: [DecisionsModule], providers: [PublicProjection], exports: [PublicProjection] })
export class PublicProjectionModule {}
