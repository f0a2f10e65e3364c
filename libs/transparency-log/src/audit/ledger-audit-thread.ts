import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AuditReport, HeldCheckpoint } from './ledger-audit';

/** What the check's thread is given: plain values, as a worker's data must be. */
export interface AuditInThread {
  file: string;
  /** The policy as text (c2sp.org/tlog-policy): parsed again in the thread. */
  policyText: string;
  held?: readonly HeldCheckpoint[];
}

/**
 * `auditLedgerFile` in a thread of its own: hashing a large file (about 8 s of CPU at 1 M events) then takes
 * none of the time of the thread serving reads and building the read models. The thread opens the file
 * read-only itself; the report comes back as data. Run from TypeScript (tests, benchmarks), the thread loads
 * its file through ts-node as its parent does.
 */
export function auditLedgerFileInThread(options: AuditInThread): Promise<AuditReport> {
  const source = extname(__filename);
  const entry = join(__dirname, `ledger-audit.worker${source}`);
  const worker = new Worker(entry, {
    workerData: options,
    ...(source === '.ts' ? { execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] } : {}),
  });
  return new Promise<AuditReport>((resolve, reject) => {
    worker.once('message', (answer: { report: AuditReport } | { error: string }) =>
      'report' in answer ? resolve(answer.report) : reject(new Error(answer.error)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the check's thread stopped (exit code ${code}) before it reported`)));
  });
}
