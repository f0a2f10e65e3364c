import { AbstractStartedContainer, GenericContainer, Wait } from 'testcontainers';

export const KURRENTDB_IMAGE = 'kurrentplatform/kurrentdb:26.0';
/** KurrentDB serves gRPC, the HTTP API and the health endpoint on one port. */
export const KURRENTDB_PORT = 2113;

/**
 * A throwaway single KurrentDB node for tests: insecure (no TLS, no authentication), in-memory
 * database, projections off. Ready when the HTTP liveness endpoint answers (204 by default) and the
 * node has logged that it is leader, so the first append does not meet a node still electing itself.
 */
export class KurrentDbContainer extends GenericContainer {
  constructor(image = KURRENTDB_IMAGE) {
    super(image);
    this.withExposedPorts(KURRENTDB_PORT)
      .withEnvironment({
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_MEM_DB: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_START_STANDARD_PROJECTIONS: 'false',
        KURRENTDB_TELEMETRY_OPTOUT: 'true',
      })
      .withWaitStrategy(
        Wait.forAll([
          Wait.forHttp('/health/live', KURRENTDB_PORT).forStatusCodeMatching((status) => status === 200 || status === 204),
          Wait.forLogMessage(/IS LEADER/),
        ]),
      )
      .withStartupTimeout(120_000);
  }

  override async start(): Promise<StartedKurrentDbContainer> {
    return new StartedKurrentDbContainer(await super.start());
  }
}

export class StartedKurrentDbContainer extends AbstractStartedContainer {
  /** `kurrentdb://host:port?tls=false` for the port mapped on the Docker host. */
  getConnectionString(): string {
    return `kurrentdb://${this.getHost()}:${this.getMappedPort(KURRENTDB_PORT)}?tls=false`;
  }
}
