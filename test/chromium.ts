import { existsSync } from 'node:fs';

/**
 * Debian's chromium, driven by playwright-core (never a downloaded browser): where it is, how it is started, and a
 * `describe` that skips, with one line saying why, where it is not installed (CI installs it).
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function describeInChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.log(`${what} skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  return describe.skip;
}
