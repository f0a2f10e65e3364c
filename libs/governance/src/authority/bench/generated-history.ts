/** A seeded, repeatable history of about `target` authority facts, for the bench. */
import { AREAS, FUNCTIONS, PLACES } from '../../shared/vocabulary';
import { FactLog } from '../test/authority-facts';

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(2013);
export const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
const some = <T>(values: readonly T[], count: number): T[] => [...new Set(Array.from({ length: count }, () => pick(values)))];
export const dateIn = (fromYear: number, toYear: number) => `${fromYear + Math.floor(random() * (toYear - fromYear))}-${pick(['01', '04', '07', '10'])}-01`;

/** Commissioners per place, succeeding each other by merger or transfer scheme every year; committees under them with delegations. */
export function generatedHistory(target: number): FactLog {
  const log = new FactLog();
  log.establish('nhs-england', 'nhs-england', 'NHS England', '2013-04-01');
  log.assign('nhs-england', ['primary-medical-services', 'pharmaceutical-services', 'general-ophthalmic-services', 'dental-services'], AREAS, '2013-04-01');
  const places = Object.entries(PLACES);
  for (const [place, areas] of places) {
    log.establish(`${place}-council`, 'local-authority', `${place} Council`, '2009-04-01');
    log.assign(`${place}-council`, ['adult-social-care', 'public-health', 'childrens-services'], [...areas], '2013-04-01');
  }
  let generation = 0;
  let year = 2013;
  while (log.head < target) {
    for (const [place, areas] of places) {
      const commissioner = `${place}-commissioner-${generation}`;
      log.establish(commissioner, 'ccg', `NHS ${place} commissioner ${generation}`, `${year}-04-01`, `${place.slice(0, 2)}${generation}`);
      if (generation === 0) log.assign(commissioner, FUNCTIONS.filter((fn) => !fn.includes('services') || fn.startsWith('community') || fn.startsWith('mental')), [...areas], `${year}-04-01`);
      if (random() < 0.5) log.rename(commissioner, `NHS ${place} commissioner ${generation} (renamed)`, `${year}-10-01`);
      for (let c = 0; c < 6; c++) {
        const committee = `${commissioner}-committee-${c}`;
        log.establish(committee, 'committee', `${commissioner} committee ${c}`, `${year}-04-01`);
        for (let d = 0; d < 4; d++) {
          const delegationId = `${committee}-delegation-${d}`;
          const id = log.grant({
            delegationId,
            delegator: commissioner,
            delegate: committee,
            functions: some(FUNCTIONS, 3),
            areas: some(areas, 2),
            from: `${year}-${pick(['04', '05', '06'])}-01`,
            to: random() < 0.3 ? `${year + 1}-01-01` : null,
            subDelegationAllowed: random() < 0.5,
          });
          if (random() < 0.4) log.vary(delegationId, `${year}-09-01`, { functions: some(FUNCTIONS, 2), subDelegationAllowed: random() < 0.5 });
          if (random() < 0.2) log.revoke(delegationId, `${year}-12-01`);
          if (random() < 0.1) log.correct(`delegation-${delegationId}`, id, { changes: { from: `${year}-07-01` } });
          if (random() < 0.3) {
            log.grant({ delegationId: `${delegationId}-sub`, delegator: committee, delegate: `${commissioner}-committee-${(c + 1) % 6}`, functions: some(FUNCTIONS, 2), areas: some(areas, 1), from: `${year}-08-01`, parentDelegationId: delegationId });
          }
        }
      }
      if (generation > 0) {
        const predecessor = `${place}-commissioner-${generation - 1}`;
        if (random() < 0.5) log.merge(`${predecessor}-merger`, [predecessor], commissioner, `${year}-04-01`, random() < 0.5 ? 'carry-over' : 'lapse');
        else log.transfer(`${predecessor}-transfer`, [predecessor], commissioner, `${year}-04-01`);
      }
      log.grant({ delegationId: `nhse-${commissioner}`, delegator: 'nhs-england', delegate: commissioner, functions: some(FUNCTIONS.slice(0, 4), 2), areas: [...areas], from: dateIn(year, year + 1) });
    }
    generation++;
    year++;
  }
  return log;
}
