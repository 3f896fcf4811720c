// A test implementation of triage's TriageMailbox port: mailboxes as maps of message id → folder.
import type { MailAssessment } from '@lantern/shared';
import type { ReporterNotifier, StoredCopy, TriageMailbox } from '../../server/src/triage/triage-ports.ts';

export class MemoryMailbox implements TriageMailbox {
  readonly folders = new Map<string, string>();
  readonly copies = new Map<string, StoredCopy>();
  readonly holds = new Map<string, { mailbox: string; messageId: string; from: string; active: boolean }>();
  readonly reportStatus = new Map<string, string>();
  #n = 0;

  deliver(mailbox: string, messageId: string, internetMessageId: string, receivedAt: string, assessment: MailAssessment): void {
    this.folders.set(`${mailbox}/${messageId}`, 'inbox');
    this.copies.set(`${mailbox}/${messageId}`, { messageId, internetMessageId, receivedAt, assessment });
  }
  folderOf(mailbox: string, messageId: string): string | undefined {
    return this.folders.get(`${mailbox}/${messageId}`);
  }
  async storedAssessment(mailbox: string, messageId: string): Promise<StoredCopy | null> {
    return this.copies.get(`${mailbox}/${messageId}`) ?? null;
  }
  async hold(mailbox: string, messageId: string): Promise<{ holdId: string; messageId: string; created: boolean }> {
    const key = `${mailbox}/${messageId}`;
    const folder = this.folders.get(key);
    if (folder === undefined) throw new Error('message not found');
    for (const [id, h] of this.holds) if (h.active && h.mailbox === mailbox && h.messageId === messageId) return { holdId: id, messageId, created: false };
    const id = `hold-${++this.#n}`;
    this.holds.set(id, { mailbox, messageId, from: folder, active: true });
    this.folders.set(key, 'Lantern Held');
    return { holdId: id, messageId, created: true };
  }
  async release(holdId: string): Promise<boolean> {
    const h = this.holds.get(holdId);
    if (!h || !h.active) return false;
    h.active = false;
    this.folders.set(`${h.mailbox}/${h.messageId}`, h.from);
    return true;
  }
  async setReportStatus(reportId: string, status: string): Promise<void> {
    this.reportStatus.set(reportId, status);
  }
}

export class MemoryNotifier implements ReporterNotifier {
  readonly sent: { to: string; subject: string; text: string }[] = [];
  async notify(reporter: { id: string; upn: string }, subject: string, text: string): Promise<void> {
    this.sent.push({ to: reporter.upn, subject, text });
  }
}
