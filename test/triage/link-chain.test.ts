import { describe, expect, it } from 'vitest';
import { analyseLinkChain } from '../../server/src/triage/link-chain.ts';

describe('analyseLinkChain', () => {
  it('unwraps Safe Links to the real destination', () => {
    const inner = 'https://login.evil-portal.example/o365?user=a';
    const c = analyseLinkChain(`https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&data=05%7C01&reserved=0`);
    expect(c?.finalHost).toBe('login.evil-portal.example');
    expect(c?.finalDomain).toBe('evil-portal.example');
    expect(c?.hops.map((h) => h.kind)).toEqual(['original', 'wrapper']);
    expect(c?.redirects).toBe(0);
  });

  it('unwraps Proofpoint v2 and v3', () => {
    const v2 = analyseLinkChain('https://urldefense.proofpoint.com/v2/url?u=https-3A__phish.example_login&d=DwMF&c=x');
    expect(v2?.finalUrl).toBe('https://phish.example/login');
    const star = Buffer.from('?').toString('base64url');
    const v3 = analyseLinkChain(`https://urldefense.com/v3/__https://phish.example/a*x=1__;${star}!!AbC$`);
    expect(v3?.finalUrl).toBe('https://phish.example/a?x=1');
  });

  it('follows open redirect parameters, including base64, through several hops', () => {
    const target = 'https://docs-share.example/view';
    const b64 = Buffer.from(target).toString('base64');
    const mid = `https://tracker.example/click?redirect=${encodeURIComponent(`https://www.google.com/url?q=${encodeURIComponent(`https://cdn.example/r?data=1&u=${b64}`)}`)}`;
    const c = analyseLinkChain(mid);
    expect(c?.finalUrl).toBe(target);
    expect(c?.hops.map((h) => h.host)).toEqual(['tracker.example', 'www.google.com', 'cdn.example', 'docs-share.example']);
    expect(c?.hops.some((h) => h.kind === 'base64-param')).toBe(true);
    expect(c?.redirects).toBe(3);
  });

  it('marks an unresolved shortener, and resolves it from the link text when that names the target', () => {
    expect(analyseLinkChain('https://bit.ly/3xYz', 'Click here')?.unresolvedShortener).toBe(true);
    const named = analyseLinkChain('https://bit.ly/3xYz', 'https://intranet.contoso.example/hr');
    expect(named?.unresolvedShortener).toBe(false);
    expect(named?.finalHost).toBe('intranet.contoso.example');
  });

  it('flags file-sharing hops and IP hosts, leaves plain links alone', () => {
    expect(analyseLinkChain('https://docsend.com/view/abc123')?.fileShare).toBe(true);
    expect(analyseLinkChain('http://203.0.113.9/login')?.ipHost).toBe(true);
    const plain = analyseLinkChain('https://www.contoso.example/news?id=5');
    expect(plain?.hops).toHaveLength(1);
    expect(plain?.fileShare).toBe(false);
    expect(analyseLinkChain('javascript:alert(1)')).toBeNull();
  });

  it('stops on loops and bounds the depth', () => {
    const c = analyseLinkChain('https://a.example/r?url=https%3A%2F%2Fa.example%2Fr%3Furl%3Dhttps%253A%252F%252Fa.example%252Fr');
    expect(c).not.toBeNull();
    expect(c!.hops.length).toBeLessThanOrEqual(8);
  });
});
