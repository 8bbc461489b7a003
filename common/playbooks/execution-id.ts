import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The id of an execution, the same on every device that sees the same playbook version, account and trigger
 * occurrence: a second device deciding to start "the same" execution writes the same document instead of a twin.
 */
export function executionId(playbookId: string, version: number, accountId: string, occurrence: string): string {
  return `x${bytesToHex(sha256(utf8ToBytes(`${playbookId}@${version}\u0000${accountId}\u0000${occurrence}`))).slice(0, 40)}`;
}
