/**
 * The longest functions and the largest files under the folders given (production `.ts` files only:
 * specs and test helpers are left out). Run: `npx ts-node --transpile-only scripts/function-lengths.ts libs/governance [--most N] [--match decider]`.
 * A function's length counts the lines from its first to its last, both included; nested functions count in both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

interface Measured {
  file: string;
  name: string;
  lines: number;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'test' ? [] : productionFiles(path);
    return path.endsWith('.ts') && !/\.(spec|e2e-spec|testing)\.ts$/.test(path) ? [path] : [];
  });
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name)
    return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)))
    return parent.name.getText();
  return '(anonymous)';
}

function functionsIn(file: string): Measured[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Measured[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: nameOf(node), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const args = process.argv.slice(2);
const option = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const most = Number(option('--most') ?? 10);
const match = option('--match');
const files = (args.length > 0 ? args : ['libs/governance']).flatMap(productionFiles).filter((file) => !match || file.includes(match));
const show = (file: string) => relative(process.cwd(), file);

console.log(`longest functions (${files.length} files):`);
for (const { file, name, lines } of files
  .flatMap(functionsIn)
  .sort((a, b) => b.lines - a.lines)
  .slice(0, most)) {
  console.log(`  ${String(lines).padStart(4)}  ${name}  ${show(file)}`);
}
console.log('largest files:');
for (const { file, lines } of files
  .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, most)) {
  console.log(`  ${String(lines).padStart(4)}  ${show(file)}`);
}
