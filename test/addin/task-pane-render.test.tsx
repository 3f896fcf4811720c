// addin/src/taskpane/: the task pane's views rendered to HTML with react-dom/server (the browser test drives
// the live pane end to end).
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MessageAssessmentResponse } from '../../shared/src/api.ts';
import type { LanternApi } from '../../addin/src/api/api-client.ts';
import { ApiOfflineError, ApiRequestError } from '../../addin/src/api/api-error.ts';
import { AssessmentView } from '../../addin/src/taskpane/AssessmentView.tsx';
import { afterAction } from '../../addin/src/taskpane/MessageActions.tsx';
import { isLinkLocked } from '../../addin/src/taskpane/link-presentation.ts';
import type { MailHost } from '../../addin/src/taskpane/mail-host.ts';
import { ErrorView } from '../../addin/src/taskpane/StatusViews.tsx';
import { TaskPane } from '../../addin/src/taskpane/TaskPane.tsx';
import { allowedActions, messageStateOf, stateSentence, type MessageFacts, type ReleasePolicy } from '../../shared/src/message-state.ts';

const PHISH_URL = 'https://docsend-share.example/d/8f2k/login';

function response(over: Partial<MessageAssessmentResponse> = {}, verdict: MessageAssessmentResponse['assessment']['verdict'] = 'lock-links'): MessageAssessmentResponse {
  return {
    messageId: 'm1',
    internetMessageId: null,
    receivedAt: null,
    held: false,
    release: 'none',
    releaseRequested: false,
    reported: false,
    state: 'delivered',
    actions: [],
    notice: null,
    assessment: {
      score: 88,
      verdict,
      reasons: [{ code: 'link.lookalike', weight: 40, text: 'The link goes to docsend-share.example, not docsend.com.' }],
      userNarrative: 'This message imitates a DocSend share to steal your password.',
      analystNarrative: '',
      sender: { address: 'share@docsend-share.example', name: 'DocSend', replyTo: 'collect@evil.example', authentication: 'SPF failed' },
      subject: 'Document shared with you',
      links: [{ text: 'Click Here', url: PHISH_URL, host: 'docsend-share.example', risky: true, why: 'Lookalike of docsend.com' }],
      attachments: [{ name: 'invoice.html', contentType: 'text/html', size: 2048, sha256: 'ab', risky: true, why: 'HTML attachment that opens a sign-in page' }],
    },
    ...over,
  };
}

/** A response whose state, actions and notice follow from its facts, as the server derives them. */
function standing(facts: Partial<MessageFacts>, release: ReleasePolicy, verdict: MessageAssessmentResponse['assessment']['verdict']): MessageAssessmentResponse {
  const state = messageStateOf({ verdict, held: false, releaseRequest: null, released: false, reported: false, restored: false, ...facts });
  return response({ held: facts.held ?? false, release, reported: facts.reported ?? false, releaseRequested: facts.releaseRequest === 'pending', state, actions: allowedActions(state, release), notice: stateSentence(state, release) }, verdict);
}

const api = {} as LanternApi;
const html = (el: ReactElement) => renderToString(<FluentProvider theme={webLightTheme}>{el}</FluentProvider>);

describe('AssessmentView', () => {
  it('shows the narrative and a locked link as text with its real destination, never as an anchor', () => {
    const out = html(<AssessmentView data={response()} api={api} onChanged={() => {}} />);
    expect(out).toContain('This message imitates a DocSend share to steal your password.');
    expect(out).toContain('Likely phishing: links are locked');
    expect(out).toMatch(new RegExp(`Really goes to <code[^>]*>${PHISH_URL}</code>`));
    expect(out).not.toMatch(new RegExp(`<a[^>]+href="${PHISH_URL}`));
    expect(out).toContain(`aria-label="Locked link &quot;Click Here&quot;. It really goes to ${PHISH_URL}"`);
  });

  it('renders a link of a delivered message as a real anchor opening safely in a new tab', () => {
    const out = html(<AssessmentView data={response({}, 'deliver')} api={api} onChanged={() => {}} />);
    expect(out).toMatch(new RegExp(`<a[^>]+href="${PHISH_URL}"[^>]*>`));
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it('shows the sender, a reply-to that differs, and risky attachments', () => {
    const out = html(<AssessmentView data={response()} api={api} onChanged={() => {}} />);
    expect(out).toContain('DocSend &lt;share@docsend-share.example&gt;');
    expect(out).toContain('collect@evil.example');
    expect(out).toContain('(not the sender)');
    expect(out).toContain('HTML attachment that opens a sign-in page');
  });

  it('offers only what the state allows: release for held mail the user may release, request where policy asks', () => {
    const view = (d: MessageAssessmentResponse) => html(<AssessmentView data={d} api={api} onChanged={() => {}} />);
    const locked = view(standing({}, 'allowed', 'lock-links'));
    expect(locked).toContain('Report phishing');
    expect(locked).toContain('Remove warning');
    const allowed = view(standing({ held: true }, 'allowed', 'hold'));
    expect(allowed).toContain('Not junk: release');
    expect(allowed).not.toContain('Request release');
    const request = view(standing({ held: true }, 'request', 'hold'));
    expect(request).toContain('Request release');
    expect(request).not.toContain('Not junk: release');
  });

  it('after a report offers nothing more, and says so in a sentence', () => {
    const reported = html(<AssessmentView data={standing({ held: true, reported: true }, 'request', 'hold')} api={api} onChanged={() => {}} />);
    expect(reported).not.toContain('Request release');
    expect(reported).not.toContain('Report phishing');
    expect(reported).toContain('You reported this message.');
  });

  it('shows a denied release request and does not offer it again', () => {
    const denied = html(<AssessmentView data={standing({ held: true, releaseRequest: 'denied' }, 'request', 'hold')} api={api} onChanged={() => {}} />);
    expect(denied).toContain('The security team denied your request to release this message.');
    expect(denied).toContain('data-state="denied"');
    expect(denied).not.toContain('Request release');
    expect(denied).toContain('Report phishing');
  });

  it('does not say "no warning signs" beside a score that earned points', () => {
    const low = response({ state: 'delivered', actions: ['report'] }, 'deliver');
    expect(html(<AssessmentView data={low} api={api} onChanged={() => {}} />)).toContain('Low risk: a few things to note');
    const clean = response({ state: 'delivered', actions: ['report'] }, 'deliver');
    clean.assessment = { ...clean.assessment, reasons: [] };
    expect(html(<AssessmentView data={clean} api={api} onChanged={() => {}} />)).toContain('No warning signs found');
  });
});

describe('afterAction', () => {
  it('moves the pane to the next state with the same machine the server uses', () => {
    const held = standing({ held: true }, 'request', 'hold');
    expect(afterAction(held, 'report')).toMatchObject({ state: 'reported', actions: [], reported: true });
    expect(afterAction(held, 'request-release')).toMatchObject({ state: 'release-requested', actions: ['report'], releaseRequested: true });
  });
});

describe('AssessmentView for mail that could not be fully checked', () => {
  it('warns "could not be checked — treat with care" above the narrative, and only then', () => {
    const base = response({}, 'hold');
    const unchecked = response(
      { assessment: { ...base.assessment, reasons: [{ code: 'message.not-fully-checked', weight: 100, text: 'could not be fully checked: 1,003 MIME parts' }, ...base.assessment.reasons] } },
      'hold',
    );
    const out = html(<AssessmentView data={unchecked} api={api} onChanged={() => {}} />);
    expect(out).toContain('data-testid="not-fully-checked"');
    expect(out).toContain('Lantern could not check this message in full — treat it with care.');
    expect(out.indexOf('not-fully-checked"')).toBeLessThan(out.indexOf('data-testid="narrative"'));
    expect(html(<AssessmentView data={base} api={api} onChanged={() => {}} />)).not.toContain('not-fully-checked"');
  });

  it('lists links in other schemes locked, as text, whatever the verdict', () => {
    const base = response({}, 'deliver');
    const links = [
      { text: 'Open the file', url: 'search-ms:query=invoice&crumb=location:\\\\203.0.113.7@80\\share', host: '', risky: true, why: 'opens Windows Search on a remote share' },
      { text: 'Fix it', url: 'ms-msdt:/id PCWDiagnostic', host: '', risky: true, why: null },
      { text: 'Call us', url: 'tel:+441234567', host: '', risky: false, why: null },
    ];
    const out = html(<AssessmentView data={response({ assessment: { ...base.assessment, links } }, 'deliver')} api={api} onChanged={() => {}} />);
    expect(out).toMatch(/Links \((<!-- -->)?3(<!-- -->)?\)/);
    expect(out.match(/data-locked="true"/g)?.length).toBe(3);
    expect(out).not.toMatch(/<a[^>]+href="(search-ms|ms-msdt|tel):/);
  });
});

describe('isLinkLocked', () => {
  const link = response().assessment.links[0]!;
  it('locks every link of lock-links and hold verdicts, risky ones for tag, none for deliver', () => {
    expect(isLinkLocked('hold', { ...link, risky: false })).toBe(true);
    expect(isLinkLocked('lock-links', { ...link, risky: false })).toBe(true);
    expect(isLinkLocked('tag', link)).toBe(true);
    expect(isLinkLocked('tag', { ...link, risky: false })).toBe(false);
    expect(isLinkLocked('deliver', link)).toBe(false);
  });
});

describe('TaskPane states', () => {
  const host = (over: Partial<MailHost> = {}): MailHost => ({
    currentMessage: () => ({ restId: 'm1', internetMessageId: null, subject: 's', from: null }),
    watchMessage: () => () => {},
    followsSelection: true,
    getToken: () => Promise.resolve('t'),
    theme: 'dark',
    ...over,
  });

  it('starts loading with an announced status while the assessment is fetched, in the dark theme when Outlook is dark', () => {
    const out = renderToString(<TaskPane host={host()} api={api} />);
    expect(out).toContain('Checking this message…');
    expect(out).toContain('role="status"');
    expect(out).toContain('data-theme="dark"');
    expect(out).toContain('role="tablist"');
  });

  it('shows an empty state when no message is selected', () => {
    const out = renderToString(<TaskPane host={host({ currentMessage: () => null, theme: 'light' })} api={api} />);
    expect(out).toContain('No message selected');
    expect(out).toContain('data-theme="light"');
  });

  it('designs the offline, not-assessed and server-error states', () => {
    expect(html(<ErrorView error={new ApiOfflineError('/api/held')} onRetry={() => {}} />)).toContain("You&#x27;re offline");
    expect(html(<ErrorView error={new ApiRequestError(404, 'not_found', 'Not Found', '/x')} onRetry={() => {}} />)).toContain('Not assessed yet');
    const server = html(<ErrorView error={new ApiRequestError(500, 'internal', 'Internal Server Error', '/x')} onRetry={() => {}} />);
    expect(server).toContain('Lantern had a problem');
    expect(server).toContain('Try again');
  });
});
