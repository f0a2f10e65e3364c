import { Module } from '@nestjs/common';
import { BodiesController } from './bodies.controller';
import { RecordBodyFactHandler } from './record-body-fact';

@Module({ controllers: [BodiesController], providers: [RecordBodyFactHandler] })
export class BodiesModule {}
