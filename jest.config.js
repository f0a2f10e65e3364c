/** One jest run covers every app and lib; path aliases mirror tsconfig.json. */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // Every property test runs from one seed (PROPERTY_SEED, or a fixed one): see the file.
  setupFiles: ['<rootDir>/test/property-seed.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@ledger/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
    '^@ledger/governance$': '<rootDir>/libs/governance/src',
    '^@ledger/governance/(.*)$': '<rootDir>/libs/governance/src/$1',
    '^@ledger/public-contract$': '<rootDir>/libs/public-contract/src',
    '^@ledger/transparency-log$': '<rootDir>/libs/transparency-log/src',
    '^@ledger/transparency-log/(.*)$': '<rootDir>/libs/transparency-log/src/$1',
  },
  testTimeout: 60000,
};
