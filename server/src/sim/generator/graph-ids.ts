// Identifier shapes Exchange Online uses in Graph (opaque base64 strings), drawn from a Prng.
import type { Prng } from './prng.ts';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A mailbox item id ("AAMkA…"), as immutable ids look. */
export function mailItemId(prng: Prng, mailboxTag: string): string {
  return `AAMkA${mailboxTag}AAuAAAAAAA${prng.chars(22, B64URL)}AAA=`;
}

/** A per-mailbox tag embedded in its item ids (ids of one mailbox share a prefix, as in Exchange). */
export function mailboxTag(prng: Prng): string {
  return prng.chars(40, B64URL);
}

/** A message rule id ("AQAAAJ5dZqA="). */
export function ruleId(prng: Prng): string {
  return `AQAAA${prng.chars(6, B64URL)}=`;
}

/** An RFC 5322 Message-ID at the given host. */
export function internetMessageId(prng: Prng, host: string): string {
  return `<${prng.chars(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}${prng.between(1000, 9999)}.${prng.chars(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}@${host}>`;
}
