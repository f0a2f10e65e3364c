export * from './event-store.port';
export * from './event-store.errors';
export * from './canonical-json';
export * from './recorded-at';
export * from './sqlite/sqlite-event-store';
export * from './event-store.factory';
export * from './name-based-uuid';
