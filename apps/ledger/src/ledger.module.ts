import { ConfidentialityModule } from './disclosure/confidentiality.module';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthorityModule } from './authority/authority.module';
import { DecisionsModule } from './decisions/decisions.module';
import { BodiesModule } from './bodies/bodies.module';
import { ClockModule } from './clock/clock.module';
import { ledgerConfig } from './config/ledger.config';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { LedgerHeadModule } from './ledger-head/ledger-head.module';
import { LocalDatabaseModule } from './local-database/local-database.module';
import { MeetingsModule } from './meetings/meetings.module';
import { DelegationsModule } from './delegations/delegations.module';
import { ReorganisationsModule } from './reorganisations/reorganisations.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { OfficerDecisionsModule } from './officer-decisions/officer-decisions.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { PublicProjectionModule } from './public-projection/public-projection.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SeedModule } from './seed/seed.module';
import { RecordingModule } from './recording/recording.module';
import { CommandCatalogue } from './command-catalogue';
import { EventStoreModule } from './store/event-store.module';
import { TransparencyModule } from './transparency/transparency.module';
import { WorkspaceModule } from './workspace/workspace.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: [ledgerConfig] }),
    ClockModule,
    EventStoreModule,
    LocalDatabaseModule,
    RecordingModule.forCommands(CommandCatalogue),
    ReadModelsModule,
    ConfidentialityModule,
    HealthModule,
    LedgerHeadModule,
    BodiesModule,
    MeetingsModule,
    DelegationsModule,
    ReorganisationsModule,
    RecommendationsModule,
    OfficerDecisionsModule,
    CorrectionsModule,
    ImportModule,
    SeedModule,
    AuthorityModule,
    DecisionsModule,
    TransparencyModule,
    PublicProjectionModule,
    WorkspaceModule,
  ],
})
export class LedgerModule {}
