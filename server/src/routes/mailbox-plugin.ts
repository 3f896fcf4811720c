// Named plugin "lantern-mailbox": decorates the app with the MailboxService the mail API routes use.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { MailboxService } from '../mailbox/mailbox-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mailbox: MailboxService;
  }
}

export interface MailboxPluginOptions {
  mailbox: MailboxService;
}

async function plugin(app: FastifyInstance, options: MailboxPluginOptions): Promise<void> {
  app.decorate('mailbox', options.mailbox);
}

export const mailboxPlugin = fp(plugin, { name: 'lantern-mailbox', fastify: '5.x' });
