export * from './hashing';
export * from './merkle-tree';
export * from './checkpoint';
export * from './event-leaf';
export * from './sqlite/merkle-tables';
export * from './checkpoint-store';
export * from './sqlite/checkpoint-store';
export * from './postgres/checkpoint-store';
export * from './sqlite/embedded-ledger-tree';
export * from './projection/tree-projection';
export * from './audit/ledger-audit';
export * from './audit/ledger-audit-thread';
// The one verifier (also verifier/ledger-verify.mjs): its async hashes under their own names, beside the tree's.
export {
  asCosignatureKey,
  checkCheckpoint,
  checkpointNoteOf,
  cosignatureTimestamp,
  ED25519,
  ED25519_COSIGNATURE_V1,
  ed25519FromPem,
  EVIDENCE_FORMAT,
  fromBase64,
  keyIdOf,
  meetsQuorum,
  parseCheckpoint,
  parseNote,
  parsePolicy,
  parseVerifierKey,
  policyOfLogKey,
  rootFromInclusionProof,
  verifierKeyOf,
  verifyConsistency,
  verifyConsistencyAnswer,
  verifyCosignature,
  verifyEd25519,
  verifyEvidence,
  verifyInclusion,
  verifyInclusionAnswer,
  leafHash as verifierLeafHash,
  nodeHash as verifierNodeHash,
} from './verifier/ledger-verify';
export type {
  Check,
  CheckedCheckpoint,
  Checkpoint,
  ConsistencyAnswer,
  Cosigner,
  EvidenceBundle,
  EvidenceEvent,
  InclusionAnswer,
  Policy,
  PolicyWitness,
  VerifierKey,
} from './verifier/ledger-verify';
