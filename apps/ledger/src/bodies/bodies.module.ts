import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { BodiesController } from './bodies.controller';
import { BodyRegisterController } from './body-register.controller';
import { BodyRegisterQueries } from './body-register.queries';
import { RecordBodyFactHandler } from './record-body-fact';

@Module({
  imports: [AuthorityModule],
  controllers: [BodiesController, BodyRegisterController],
  providers: [RecordBodyFactHandler, BodyRegisterQueries],
})
export class BodiesModule {}
