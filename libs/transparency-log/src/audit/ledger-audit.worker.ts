import { parentPort, workerData } from 'node:worker_threads';
import { parsePolicy } from '../verifier/ledger-verify';
import { auditLedgerFile } from './ledger-audit';
import type { AuditInThread } from './ledger-audit-thread';

/** The thread of `auditLedgerFileInThread`: one check, its report posted back. */
async function check({ file, policyText, held }: AuditInThread): Promise<void> {
  try {
    const report = await auditLedgerFile(file, { policy: await parsePolicy(policyText), held });
    parentPort!.postMessage({ report });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

void check(workerData as AuditInThread);
