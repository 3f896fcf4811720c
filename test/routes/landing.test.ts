// server/src/routes/landing.ts: the entries of the landing page per mode.
import { describe, expect, it } from 'vitest';
import { landingEntries, landingHtml } from '../../server/src/routes/landing.ts';

describe('landing page', () => {
  it('links the demo mailbox only in demo mode with the add-in served', () => {
    expect(landingEntries({ demo: true, addin: true }).map((e) => e.href)).toEqual(['/addin/demo.html', '/addin/console.html', '/api/health']);
    expect(landingEntries({ demo: false, addin: true }).map((e) => e.href)).toEqual(['/addin/console.html', '/api/health']);
    expect(landingEntries({ demo: true, addin: false }).map((e) => e.href)).toEqual(['/api/health']);
    expect(landingHtml({ demo: true, addin: false })).toContain('--no-addin');
    expect(landingHtml({ demo: true, addin: true })).toContain('Demo mode');
  });
});
