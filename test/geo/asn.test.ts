import { describe, expect, it } from 'vitest';
import { asnTable, ipv4ToNumber, parseAsnCsv, AsnDataError } from '../../server/src/geo/asn.ts';

describe('ipv4ToNumber', () => {
  it('parses dotted quads and rejects anything else', () => {
    expect(ipv4ToNumber('1.2.3.4')).toBe(0x01020304);
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', 'a.b.c.d', '::1', '', '1.2.3.4 ']) expect(ipv4ToNumber(bad), bad).toBeNull();
  });
});

describe('parseAsnCsv', () => {
  const csv = ['16777216,16777471,13335,"Cloudflare, Inc."', '16778240,16779263,38803,Gtelecom Pty Ltd', '16779264,16779264,7,"A ""quoted"" org"', ''].join('\n');
  const t = parseAsnCsv(csv);
  it('finds the range holding an address, at its edges too', () => {
    expect(t.size).toBe(3);
    expect(t.lookup('1.0.0.0')).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
    expect(t.lookup('1.0.0.255')?.asn).toBe(13335);
    expect(t.lookup('1.0.4.0')?.org).toBe('Gtelecom Pty Ltd');
    expect(t.lookup('1.0.8.0')?.org).toBe('A "quoted" org');
  });
  it('answers null in the gaps and outside every range', () => {
    expect(t.lookup('1.0.1.0')).toBeNull();
    expect(t.lookup('0.0.0.1')).toBeNull();
    expect(t.lookup('9.9.9.9')).toBeNull();
    expect(t.asnOfNumber(0)).toBe(0);
  });
  it('rejects unsorted or malformed data', () => {
    expect(() => parseAsnCsv('20,30,1,a\n10,15,2,b')).toThrow(AsnDataError);
    expect(() => parseAsnCsv('x,y,z,w')).toThrow(AsnDataError);
  });
});

describe('the shipped table', () => {
  it('loads once from the npm package and knows well-known networks', () => {
    const t = asnTable();
    expect(asnTable()).toBe(t);
    expect(t.size).toBeGreaterThan(100_000);
    expect(t.lookup('8.8.8.8')?.asn).toBe(15169);
    expect(t.lookup('10.1.2.3')).toBeNull();
  });
});
