import fc from 'fast-check';

/** The seed every property test runs from unless PROPERTY_SEED gives another. */
const FIXED_SEED = 20261204;

/**
 * Every property test (fast-check) in the suite runs from one seed, so a run can be repeated: a fixed
 * one, or PROPERTY_SEED to explore others. A failing property names its seed (and the path to the
 * case it shrank to) in fast-check's message; PROPERTY_SEED=<seed> replays it. Loaded by
 * jest.config.js before each test file.
 */
const given = process.env.PROPERTY_SEED;
const seed = given === undefined || given === '' ? FIXED_SEED : Number(given);
if (!Number.isSafeInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer, got "${given}"`);
fc.configureGlobal({ seed });
