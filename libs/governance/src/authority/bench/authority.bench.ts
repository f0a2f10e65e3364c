/**
 * Build and query times of the authority model on a generated history of about 10k authority facts:
 *   npx ts-node --transpile-only -r tsconfig-paths/register libs/governance/src/authority/bench/authority.bench.ts
 * BENCH_FACTS (default 10000) sets the size roughly; the history is the same on every run (seeded).
 */
import { AREAS, FUNCTIONS, PLACES } from '../../shared/vocabulary';
import { authorityAt, authorityTimeline, bodyAuthority, buildAuthorityModel } from '../authority-model';
import { dateIn, generatedHistory, pick } from './generated-history';

const TARGET = Number(process.env.BENCH_FACTS ?? 10000);

function time<T>(run: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = run();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const log = generatedHistory(TARGET);
const facts = log.facts;
const bodies = new Set(facts.filter((fact) => fact.type === 'BodyEstablished').map((fact) => (fact.data as { bodyId: string }).bodyId));
console.log(`facts: ${facts.length} (bodies ${bodies.size}, delegations ${facts.filter((fact) => fact.type === 'DelegationGranted').length})`);

for (let warm = 0; warm < 3; warm++) buildAuthorityModel(facts);
const builds = Array.from({ length: 10 }, () => time(() => buildAuthorityModel(facts))[1]);
console.log(`build: median ${median(builds).toFixed(1)} ms, max ${Math.max(...builds).toFixed(1)} ms`);

const pairs = FUNCTIONS.flatMap((fn) => AREAS.map((area) => [fn, area] as const));
// A long-running server has its code compiled: work out every timeline once on a throwaway model first.
const throwaway = buildAuthorityModel(facts);
for (const [fn, area] of pairs) authorityTimeline(throwaway, fn, area);

const model = buildAuthorityModel(facts);
const cold = pairs.map(([fn, area]) => time(() => authorityTimeline(model, fn, area))[1]);
const segments = pairs.reduce((total, [fn, area]) => total + authorityTimeline(model, fn, area).length, 0);
console.log(
  `first query per (function, area), timeline worked out: median ${median(cold).toFixed(3)} ms, p99 ${percentile(cold, 0.99).toFixed(3)} ms, max ${Math.max(...cold).toFixed(3)} ms; all ${pairs.length} pairs ${cold.reduce((a, b) => a + b, 0).toFixed(1)} ms, ${segments} segments`,
);

const queries = Array.from({ length: 100000 }, () => [...pick(pairs), dateIn(2012, 2013 + Math.max(1, Math.ceil(facts.length / 700)))] as const);
const point: number[] = [];
for (const [fn, area, at] of queries) point.push(time(() => authorityAt(model, fn, area, at))[1]);
console.log(`point query (warm): p50 ${(percentile(point, 0.5) * 1000).toFixed(1)} µs, p99 ${(percentile(point, 0.99) * 1000).toFixed(1)} µs, max ${(Math.max(...point) * 1000).toFixed(1)} µs`);

const [, fresh] = time(() => {
  const fresh = buildAuthorityModel(facts);
  return authorityAt(fresh, 'community-health-services', 'vale-royal', '2016-06-01');
});
console.log(`build + one cold point query: ${fresh.toFixed(1)} ms`);

const [entries, byBody] = time(() => bodyAuthority(model, `${Object.keys(PLACES)[0]}-commissioner-1`));
console.log(`bodyAuthority (timelines warm): ${byBody.toFixed(2)} ms, ${entries.length} entries`);
