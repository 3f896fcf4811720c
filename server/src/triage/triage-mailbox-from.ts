// Adapts the mailbox module (MailboxService) to triage's TriageMailbox port: campaign removal uses the same
// holds as live scoring (hidden "Lantern Held" folder, recorded actions), so one-click undo is a release.
import type { MailboxService } from '../mailbox/mailbox-service.ts';
import type { TriageMailbox } from './triage-ports.ts';

export function triageMailboxFrom(service: MailboxService): TriageMailbox {
  return {
    async storedAssessment(mailbox, messageId) {
      const s = await service.assessments.stored(mailbox, messageId);
      return s ? { messageId: s.messageId, internetMessageId: s.internetMessageId, receivedAt: s.receivedAt, assessment: s.assessment } : null;
    },
    async hold(mailbox, messageId, actor, scored) {
      const existing = await service.repo.activeHold(mailbox, messageId);
      if (existing) return { holdId: existing.id, messageId: existing.message_id, created: false };
      const hold = await service.actions.hold(mailbox, messageId, actor, scored);
      return { holdId: hold.id, messageId: hold.message_id, created: true };
    },
    async release(holdId, actor) {
      const hold = await service.repo.holdById(holdId);
      if (!hold || hold.status !== 'held') return false;
      await service.actions.releaseHold(hold, actor);
      return true;
    },
    restoreReported: (reportId, actor) => service.restoreReported(reportId, actor),
    setReportStatus: (reportId, status) => service.setReportStatus(reportId, status),
  };
}
