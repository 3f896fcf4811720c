// The classic account-takeover chain seen in Microsoft 365 business email compromise:
// sign-in from a country the user never used, on an unfamiliar device, from a hosting provider →
// "User registered security info" (Authenticator app) from the same IP within hours → a hidden inbox rule
// (named "..." or similar) moving all mail to "RSS Feeds", marking it read, stopping processing →
// phishing sent from the account to colleagues (a "document shared" lure linking to DocSend) → some
// recipients sign in from the attacker's IP, victims of the same chain.
import type { GraphMessageRule } from '@lantern/shared';
import { APPS } from '../apps.ts';
import { authenticatorMethod } from '../authentication-methods.ts';
import { securityInfoAudit } from '../directory-audit-factory.ts';
import { reservePersona, type GeneratorContext } from '../generator-context.ts';
import { ruleId } from '../graph-ids.ts';
import { internalTransportHeaders, makeMessage, type Address } from '../mail-factory.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime } from '../sign-in-factory.ts';
import { strangerDevice, type Persona } from '../tenant-model.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

export const CLASSIC_CHAIN_MODELS: readonly string[] = [
  'saas.unusual-credential-source',
  'saas.unusual-login-account-update',
  'saas.anomalous-new-email-rule',
  'saas.unusual-login-new-email-rule',
];

const RULE_NAMES = ['...', '.', ',', '..', ';', '.,', ' '];
const DOCUMENTS = ['Q4 Proposal', 'Remittance Advice', 'Contract Amendment', 'Project Brief', 'Payment Schedule', 'Updated Pricing'];

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function phishingBody(prng: Prng, sender: Persona, document: string): { link: string; text: string; html: string; subject: string } {
  const link = `https://docsend.com/view/${prng.chars(8, 'abcdefghijkmnpqrstuvwxyz23456789')}`;
  const platform = prng.pick(['Prezi', 'DocSend', 'OneDrive']);
  const subject = prng.pick([`${sender.displayName} shared "${document}" with you`, `${document} - please review`, `Document shared: ${document}`]);
  const text = `${sender.displayName} has shared a document with you via ${platform}.\n\n${document}.pdf\n\nClick Here to view the document: ${link}\n\nThis link will expire in 48 hours.\n\n${sender.displayName}\n${sender.user.jobTitle ?? ''}`;
  const html = `<html><body><div style="font-family:Segoe UI,Arial,sans-serif"><p>${escapeHtml(sender.displayName)} has shared a document with you via ${platform}.</p><p><b>${escapeHtml(document)}.pdf</b></p><p><a href="${link}" style="background:#0f6cbd;color:#fff;padding:8px 16px;text-decoration:none">Click Here</a></p><p style="color:#666;font-size:11px">This link will expire in 48 hours.</p><p>${escapeHtml(sender.displayName)}<br>${escapeHtml(sender.user.jobTitle ?? '')}</p></div></body></html>`;
  return { link, text, html, subject };
}

export function injectClassicChain(ctx: GeneratorContext, prng: Prng, name = 'classic-chain'): boolean {
  const draw = (): number => prng.next();
  const victim = reservePersona(ctx, draw, (p) => p.stays.length === 1 && !p.commercialVpn && p.laptop.browser.isManaged === true);
  if (!victim) return false;
  const attacker = attackerEndpoint(ctx, prng, [victim]);
  const device = strangerDevice(prng);

  // 1. The sign-in with stolen credentials (an adversary-in-the-middle session: password and MFA relayed).
  const t0 = attackStart(ctx, prng, 0.45, 0.8, 2 * 24 * HOUR);
  const session = prng.guid();
  attackerSignIn(ctx, prng, victim, t0, APPS.officeHome, attacker, device.browser, { interactive: true, status: STATUS.success, correlationId: session });
  for (let i = 0; i < prng.between(2, 5); i++) {
    attackerSignIn(ctx, prng, victim, t0 + prng.between(1, 40) * MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: session });
  }

  // 2. New Authenticator registration from the same IP, within the day.
  const tReg = t0 + prng.between(8, 360) * MINUTE;
  attackerSignIn(ctx, prng, victim, tReg - 2 * MINUTE, APPS.mySignins, attacker, device.browser, { interactive: true, status: STATUS.success });
  ctx.builder.addAudit(tReg, securityInfoAudit(prng, victim, tReg, attacker.ip, 'User registered security info', 'User registered Authenticator App with Notification and Code'));
  const methods = ctx.builder.currentAuthenticationMethods(victim.id);
  ctx.builder.setAuthenticationMethods(victim.id, tReg, [...methods, authenticatorMethod(prng, tReg, 'Android')]);

  // 3. The hidden inbox rule.
  const tRule = tReg + prng.between(5, 120) * MINUTE;
  attackerSignIn(ctx, prng, victim, tRule - MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: session });
  const mailbox = ctx.mailboxes.get(victim.id)!;
  const rssFeeds = mailbox.ids.get('RSS Feeds')!;
  const rules = ctx.builder.currentInboxRules(victim.id);
  const rule: GraphMessageRule = {
    id: ruleId(prng),
    displayName: prng.pick(RULE_NAMES),
    sequence: rules.length + 1,
    isEnabled: true,
    hasError: false,
    isReadOnly: false,
    actions: { moveToFolder: rssFeeds, markAsRead: true, stopProcessingRules: true },
  };
  ctx.builder.setInboxRules(victim.id, tRule, [...rules, rule]);
  // Mail the victim receives from now on lands, read, in RSS Feeds.
  ctx.builder.routeInbox(victim.id, { from: tRule, folder: 'RSS Feeds', folderId: rssFeeds, markAsRead: true });

  // 4. Phishing from the account to colleagues.
  const tPhish = tRule + prng.between(10, 180) * MINUTE;
  attackerSignIn(ctx, prng, victim, tPhish - 2 * MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: session });
  const colleagues = ctx.personas.filter((p) => p !== victim);
  const sameDept = colleagues.filter((p) => p.department === victim.department);
  const wanted = Math.min(colleagues.length, prng.between(5, 15));
  const recipients = [...prng.sample(sameDept, Math.ceil(wanted / 2))];
  for (const p of prng.sample(colleagues, wanted)) if (recipients.length < wanted && !recipients.includes(p)) recipients.push(p);
  const document = prng.pick(DOCUMENTS);
  const lure = phishingBody(prng, victim, document);
  const from: Address = { name: victim.displayName, address: victim.userPrincipalName };
  let lastStep = tPhish;
  for (const [i, r] of recipients.entries()) {
    const t = tPhish + i * prng.between(2, 20) * 1000;
    lastStep = Math.max(lastStep, t);
    ctx.builder.addMessage(
      t,
      makeMessage(prng, {
        receivedMs: t,
        transitSeconds: prng.between(1, 4),
        recipientUserId: r.id,
        mailbox: ctx.mailboxes.get(r.id)!,
        folder: 'inbox',
        from,
        to: [{ name: r.displayName, address: r.userPrincipalName }],
        subject: lure.subject,
        text: lure.text,
        html: lure.html,
        transportHeaders: internalTransportHeaders(prng, t, ctx.org.domain),
        messageIdHost: `${prng.pick(['BY5PR', 'SA1PR', 'PH0PR'])}${prng.between(10, 19)}MB${prng.between(1000, 9999)}.namprd${prng.between(10, 20)}.prod.outlook.com`,
      }),
    );
  }
  // The sender's copy in Sent Items.
  if (recipients.length > 0) {
    ctx.builder.addMessage(
      tPhish,
      makeMessage(prng, {
        receivedMs: tPhish,
        transitSeconds: 0,
        recipientUserId: victim.id,
        mailbox,
        folder: 'sentitems',
        from,
        to: recipients.map((r) => ({ name: r.displayName, address: r.userPrincipalName })),
        subject: lure.subject,
        text: lure.text,
        html: lure.html,
        transportHeaders: [],
        messageIdHost: 'namprd.prod.outlook.com',
        isRead: true,
      }),
    );
  }

  // 5. Some recipients fall for it: they sign in from the attacker's IP afterwards.
  const fallen = recipients.filter((r) => !ctx.reserved.has(r.index)).slice(0, Math.max(1, Math.min(3, Math.floor(recipients.length / 3))));
  for (const r of fallen) {
    ctx.reserved.add(r.index);
    const t = tPhish + prng.between(20, 20 * 60) * MINUTE;
    lastStep = Math.max(lastStep, t);
    const s = prng.guid();
    attackerSignIn(ctx, prng, r, t, APPS.officeHome, attacker, device.browser, { interactive: true, status: STATUS.success, correlationId: s });
    attackerSignIn(ctx, prng, r, t + prng.between(1, 10) * MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: s });
  }

  ctx.builder.addLabel({
    kind: 'attack',
    name,
    userIds: [victim.id, ...fallen.map((r) => r.id)],
    start: graphTime(t0),
    end: graphTime(lastStep + 10 * MINUTE),
    expectedModels: [...CLASSIC_CHAIN_MODELS],
    attackerIp: attacker.ip,
  });
  return true;
}
