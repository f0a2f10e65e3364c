import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start`: the ledger and, beside it, the public site, each its own process (the site must never
 * share the ledger's memory, keys or event store). Either stopping stops the other.
 */
const ledger = fork(join(__dirname, '../../ledger/src/main.js'));
const site = fork(join(__dirname, 'main.js'));
const children = [ledger, site];
for (const child of children) {
  child.on('exit', (code) => {
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => children.forEach((child) => child.kill(signal)));
