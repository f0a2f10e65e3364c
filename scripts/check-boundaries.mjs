// `npm run check:boundaries`: dependency-cruiser with .dependency-cruiser.cjs, then the cycles between the folders of
// every app's and lib's src (apps/ledger/src/meetings, libs/governance/src/bodies…), which its rules cannot express.
// Exits 1 on any violation or folder cycle. `--from FILE` reads a saved `depcruise --output-type json` result.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SRC_FOLDER = /^((?:apps|libs)\/[^/]+\/src\/[^/]+)\//;
const TEST_FILE = /\.(spec|e2e-spec)\.ts$|\/test\//;

function cruise() {
  const from = process.argv.indexOf('--from');
  if (from > 0) return JSON.parse(readFileSync(process.argv[from + 1], 'utf8'));
  const run = spawnSync('npx', ['depcruise', 'apps', 'libs', 'test', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/** `apps/ledger/src/meetings` for any file below it; null for a file at the top of a src folder, or elsewhere. */
function folderOf(file) {
  const match = SRC_FOLDER.exec(file);
  return match ? match[1] : null;
}

const result = cruise();
const modules = result.modules.filter((m) => !m.coreModule && !m.source.includes('node_modules'));
const fileGraph = new Map();
const folderGraph = new Map();
for (const m of modules) {
  const targets = m.dependencies.filter((d) => !d.coreModule && !d.resolved.includes('node_modules'));
  fileGraph.set(
    m.source,
    targets.map((d) => d.resolved),
  );
  // Tests may exercise several features at once; the folder graph is that of the production code.
  const from = TEST_FILE.test(m.source) ? null : folderOf(m.source);
  if (!from) continue;
  if (!folderGraph.has(from)) folderGraph.set(from, new Set());
  for (const d of targets) {
    const to = folderOf(d.resolved);
    if (to && to !== from) folderGraph.get(from).add(to);
  }
}

const fileCycles = cycles(fileGraph);
const folderCycles = cycles(folderGraph);
const violations = result.summary.violations;
const byRule = {};
for (const v of violations) byRule[v.rule.name] = (byRule[v.rule.name] ?? 0) + 1;

for (const v of violations) console.log(`${v.rule.name}: ${v.from} → ${v.to}`);
for (const c of folderCycles) console.log(`folder cycle: ${c.join(', ')}`);
console.log(
  `${modules.length} files; ${fileCycles.length} file cycles (${fileCycles.flat().length} files); ` +
    `${folderCycles.length} folder cycles (${folderCycles.flat().length} folders); violations ${JSON.stringify(byRule)}`,
);
if (process.argv.includes('--verbose')) for (const c of fileCycles) console.log(`file cycle: ${c.join(', ')}`);
process.exit(violations.length + folderCycles.length > 0 ? 1 : 0);
