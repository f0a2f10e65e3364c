import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { REORGANISATION_COMMANDS } from './reorganisation-commands';

@Module({ controllers: [commandRoutes(REORGANISATION_COMMANDS)] })
export class ReorganisationsModule {}
