import { Module } from '@nestjs/common';
import { CorrectionsController } from './corrections.controller';
import { RecordCorrectionHandler } from './record-correction';

@Module({ controllers: [CorrectionsController], providers: [RecordCorrectionHandler] })
export class CorrectionsModule {}
