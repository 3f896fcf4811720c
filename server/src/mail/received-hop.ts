// One Received header reduced to what detections use: from host, by host, first IP literal.
import type { ReceivedHop } from './parsed-mail.ts';

export function parseReceived(value: string): ReceivedHop {
  const v = value.slice(0, 4096).replace(/\s+/g, ' ');
  const from = /\bfrom\s+([^\s;()]+)/i.exec(v)?.[1]?.toLowerCase() ?? null;
  const by = /\bby\s+([^\s;()]+)/i.exec(v)?.[1]?.toLowerCase() ?? null;
  const ip =
    /\[?\b((?:\d{1,3}\.){3}\d{1,3})\b\]?/.exec(v)?.[1] ??
    /\[(?:ipv6:)?([0-9a-f:]{3,39})\]/i.exec(v)?.[1]?.toLowerCase() ??
    null;
  return { from, by, ip };
}
