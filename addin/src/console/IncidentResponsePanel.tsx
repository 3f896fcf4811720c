// An incident's case in the console: its state and the moves allowed from it, the owner, notes, the response
// actions on its accounts (each behind a confirmation step, with its result and undo where Graph allows), the
// release of mail it held once it is closed, and the audit trail in sentences.
import { Badge, Button, Caption1, Input, MessageBar, MessageBarBody, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { IncidentCase, IncidentState, ResponseActionItem, ResponseActionKind, ResponseTargets } from '../../../shared/src/incident-response-api.ts';
import type { ConsoleApi } from './console-client.ts';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './use-load.ts';

const STATE_LABEL: Record<IncidentState, string> = { new: 'New', acknowledged: 'Acknowledged', contained: 'Contained', resolved: 'Resolved', benign: 'Benign' };
const MOVE_LABEL: Record<IncidentState, string> = { new: 'New', acknowledged: 'Acknowledge', contained: 'Mark contained', resolved: 'Resolve', benign: 'Mark benign' };
const STATE_COLOR: Record<IncidentState, 'danger' | 'warning' | 'informative' | 'success' | 'subtle'> = { new: 'danger', acknowledged: 'warning', contained: 'informative', resolved: 'success', benign: 'subtle' };

interface Pending {
  kind: ResponseActionKind;
  userId: string;
  targetId?: string;
  title: string;
  consequence: string;
  /** Made when the confirmation opens: a retried click sends the same id, and the server acts once. */
  requestId: string;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

export function IncidentResponsePanel({ api, incidentId }: { api: ConsoleApi; incidentId: string }) {
  const kase = useLoad(() => api.incidentCase(incidentId), [incidentId]);
  const [current, setCurrent] = useState<IncidentCase | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [owner, setOwner] = useState('');
  const [showTargets, setShowTargets] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [pendingUndo, setPendingUndo] = useState<ResponseActionItem | null>(null);
  /** Bumped after each action or undo, so the accounts' rules and methods are read again. */
  const [targetsVersion, setTargetsVersion] = useState(0);
  const view = current ?? kase.data;

  async function run<T>(work: () => Promise<T>, after: (value: T) => Promise<void> | void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await after(await work());
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  }
  const refresh = async () => {
    setCurrent(await api.incidentCase(incidentId));
    setTargetsVersion((v) => v + 1);
  };

  if (!view) return <LoadState state={kase} label="the incident's case" />;
  const active = view.state === 'acknowledged' || view.state === 'contained';

  return (
    <section aria-label="Response" data-testid="incident-response" style={{ display: 'grid', gap: 8, borderTop: '1px solid #ddd', paddingTop: 8 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Text weight="semibold">State</Text>
        <Badge data-testid="incident-state" color={STATE_COLOR[view.state]}>{STATE_LABEL[view.state]}</Badge>
        {view.stateChangedAt && <Caption1>since {when(view.stateChangedAt)}</Caption1>}
        <Text weight="semibold" style={{ marginLeft: 16 }}>Owner</Text>
        <Text data-testid="incident-owner">{view.owner ?? 'nobody yet'}</Text>
      </div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {view.next.map((to) => (
          <Button key={to} appearance={to === 'acknowledged' || to === 'resolved' ? 'primary' : 'secondary'} disabled={busy} onClick={() => void run(() => api.transitionIncident(incidentId, to, note.trim() || undefined), (c) => { setCurrent(c); setNote(''); setStatus(`The incident is now ${STATE_LABEL[c.state].toLowerCase()}.`); })}>
            {MOVE_LABEL[to]}
          </Button>
        ))}
      </div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        <Input aria-label="Owner" placeholder="owner@contoso.com" value={owner} onChange={(_, d) => setOwner(d.value)} />
        <Button disabled={busy || !owner.trim()} onClick={() => void run(() => api.setIncidentOwner(incidentId, owner.trim()), (c) => { setCurrent(c); setOwner(''); })}>Assign</Button>
      </div>
      <div style={{ display: 'grid', gap: 4 }}>
        <Textarea aria-label="Note" placeholder="A note for the trail (also sent with the next state change)" value={note} onChange={(_, d) => setNote(d.value)} />
        <div>
          <Button disabled={busy || !note.trim()} onClick={() => void run(() => api.addIncidentNote(incidentId, note.trim()), (c) => { setCurrent(c); setNote(''); })}>Add note</Button>
        </div>
      </div>

      {status && <Text role="status">{status}</Text>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}

      {view.closedAt && view.heldMail > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            {view.heldMail === 1 ? '1 message from this account is still held.' : `${view.heldMail} messages from this account are still held.`} Mail it sends from now on is no longer held for this incident.{' '}
            <Button size="small" disabled={busy} onClick={() => void run(() => api.releaseIncidentHeld(incidentId), async (r) => { setStatus(r.message); await refresh(); })}>
              Release held mail
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}

      <Text weight="semibold">Response actions</Text>
      {!active && <Caption1>Acknowledge the incident to act on its accounts.</Caption1>}
      {active && !showTargets && <div><Button onClick={() => setShowTargets(true)}>Show response actions</Button></div>}
      {active && showTargets && <Targets api={api} incidentId={incidentId} version={targetsVersion} busy={busy} onPick={setPending} />}

      {pending && (
        <div role="dialog" aria-label={`Confirm: ${pending.title}`} style={{ border: '1px solid #c50f1f', borderRadius: 4, padding: 8, display: 'grid', gap: 6 }}>
          <Text weight="semibold">{pending.title}?</Text>
          <Text>{pending.consequence}</Text>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => void run(() => api.responseAction(incidentId, { kind: pending.kind, userId: pending.userId, ...(pending.targetId ? { targetId: pending.targetId } : {}), requestId: pending.requestId, confirm: true }), async (a) => { setPending(null); setStatus(a.result); await refresh(); })}>
              Confirm
            </Button>
            <Button disabled={busy} onClick={() => setPending(null)}>Cancel</Button>
          </div>
        </div>
      )}

      {view.actions.length > 0 && <Text weight="semibold">Actions taken</Text>}
      {view.actions.length > 0 && (
        <ul aria-label="Actions taken" style={{ margin: 0, paddingLeft: 18 }}>
          {view.actions.map((a) => (
            <li key={a.id} data-testid="response-action">
              <Text>
                {when(a.at)} · {a.actor}: {a.targetLabel} — <strong>{a.status}</strong>. {a.result}
              </Text>{' '}
              {a.undoable && <Button size="small" disabled={busy} onClick={() => setPendingUndo(a)}>Undo</Button>}
            </li>
          ))}
        </ul>
      )}
      {pendingUndo && (
        <div role="dialog" aria-label="Confirm undo" style={{ border: '1px solid #888', borderRadius: 4, padding: 8, display: 'grid', gap: 6 }}>
          <Text>Undo the action on {pendingUndo.targetLabel}?</Text>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => void run(() => api.undoResponseAction(incidentId, pendingUndo.id), async (a) => { setPendingUndo(null); setStatus(a.result); await refresh(); })}>
              Confirm undo
            </Button>
            <Button disabled={busy} onClick={() => setPendingUndo(null)}>Cancel</Button>
          </div>
        </div>
      )}

      <details>
        <summary>Audit trail ({view.audit.length})</summary>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {view.audit.map((a) => (
            <li key={a.id} data-testid="incident-audit-row">
              <Caption1>{when(a.at)}</Caption1> <Text>{a.summary}</Text>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function Targets({ api, incidentId, version, busy, onPick }: { api: ConsoleApi; incidentId: string; version: number; busy: boolean; onPick: (p: Pending) => void }) {
  const targets = useLoad<ResponseTargets>(() => api.responseTargets(incidentId), [incidentId, version]);
  if (!targets.data) return <LoadState state={targets} label="the accounts' rules and sign-in methods" />;
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {targets.data.users.map((u) => {
        const who = u.displayName ? `${u.displayName} (${u.upn})` : u.upn;
        const pick = (kind: ResponseActionKind, title: string, consequence: string, targetId?: string) => onPick({ kind, userId: u.userId, title, consequence, requestId: newRequestId(), ...(targetId ? { targetId } : {}) });
        return (
          <div key={u.userId} data-testid="response-target" style={{ display: 'grid', gap: 4 }}>
            <Text weight="semibold">{who}{u.accountEnabled === false ? ' — account disabled' : ''}</Text>
            {u.error && <Caption1>{u.error}</Caption1>}
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Button disabled={busy} onClick={() => pick('revoke-sessions', `Revoke every session of ${u.upn}`, 'Everyone signed in as this account, the attacker included, must sign in again. This cannot be undone (it does no harm).')}>Revoke sessions</Button>
              <Button disabled={busy || u.accountEnabled === false} onClick={() => pick('disable-account', `Disable ${u.upn}`, 'Nobody can sign in to this account until it is enabled again. You can undo this.')}>Disable account</Button>
              <Button disabled={busy} onClick={() => pick('require-password-reset', `Require a new password for ${u.upn}`, 'The user must choose a new password at next sign-in.')}>Require password reset</Button>
            </div>
            {u.rules.length === 0 ? <Caption1>No inbox rules.</Caption1> : (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {u.rules.map((r) => (
                  <li key={r.id}>
                    <Text>Inbox rule “{r.name}”: {r.effect}</Text> {r.forwards && <Badge color="danger">sends mail out</Badge>}{' '}
                    <Button size="small" disabled={busy} onClick={() => pick('remove-inbox-rule', `Remove inbox rule “${r.name}” of ${u.upn}`, `The rule ${r.effect}. Removing it stops that; you can undo this (the rule is created again).`, r.id)}>Remove rule</Button>
                  </li>
                ))}
              </ul>
            )}
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {u.methods.map((m) => (
                <li key={m.id}>
                  <Text>{m.label}{m.createdAt ? `, registered ${when(m.createdAt)}` : ''}</Text> {m.duringIncident && <Badge color="danger">registered during the incident</Badge>}{' '}
                  {m.removable && (
                    <Button size="small" disabled={busy} onClick={() => pick('remove-auth-method', `Remove ${m.label} from ${u.upn}`, 'The method can no longer be used to sign in. This cannot be undone: the user registers their own method again.', m.id)}>Remove method</Button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
