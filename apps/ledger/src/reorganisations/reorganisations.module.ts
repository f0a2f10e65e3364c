import { Module } from '@nestjs/common';
import { RecordReorganisationHandler } from './record-reorganisation';
import { ReorganisationsController } from './reorganisations.controller';

@Module({ controllers: [ReorganisationsController], providers: [RecordReorganisationHandler] })
export class ReorganisationsModule {}
