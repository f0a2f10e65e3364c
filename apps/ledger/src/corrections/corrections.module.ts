import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { CORRECTION_COMMANDS } from './correction-commands';

@Module({ controllers: [commandRoutes(CORRECTION_COMMANDS)] })
export class CorrectionsModule {}
