/**
 * RFC 6962 / RFC 9162 Merkle trees (SHA-256): roots, inclusion and consistency proofs, and
 * their verification. Pure, node:crypto only: safe to use in a standalone offline verifier.
 */
export { EMPTY_ROOT, EMPTY_ROOT_HEX, HASH_SIZE, emptyRoot, isHash, leafHash, nodeHash } from './hashes.js';
export { MerkleTreeBuilder, consistencyProof, inclusionProof, largestPowerOfTwoBelow, merkleRoot } from './tree.js';
export { consistencyProofLength, inclusionProofLength, verifyConsistency, verifyInclusion } from './verify.js';
