// Announces high and critical incidents once: the incident's summary the first time, then each new breach.
// What was announced is stored (pipeline_effects) with the consumer's offset, so neither a replay after a
// crash nor the identity engine's replay from its snapshot announces anything twice.
import type { Incident } from '@lantern/shared';
import type { Store } from '../store/store.ts';
import { terminalText } from '../terminal-text.ts';
import type { Consumer, ConsumerWrites } from './consumer.ts';
import { IDENTITY_CONSUMER } from './identity-consumer.ts';

export const NOTIFICATIONS_CONSUMER = 'incident-notifications';

export interface IncidentNotificationsOptions {
  store: Store;
  /** The incidents as of now (the identity engine, which runs earlier in the same pass). */
  incidents: () => Incident[];
  /** Where an announcement goes (the console's progress line today; mail or chat later). */
  say: (line: string) => void;
}

export function incidentNotificationsConsumer(opts: IncidentNotificationsOptions): Consumer {
  let announced: Set<string> | null = null;
  return {
    name: NOTIFICATIONS_CONSUMER,
    accepts: () => false,
    async start(stored) {
      const rows = await opts.store.db.selectFrom('pipeline_effects').select('key').where('consumer', '=', NOTIFICATIONS_CONSUMER).execute();
      announced = new Set(rows.map((r) => r.key));
      return stored;
    },
    follows: [IDENTITY_CONSUMER],
    async handle() {},
    tick: () => announce(),
    afterBatch: () => announce(),
  };

  async function announce(): Promise<ConsumerWrites | undefined> {
    const seen = announced ?? new Set<string>();
    const fresh: { key: string; at: string }[] = [];
    for (const inc of opts.incidents()) {
      if (inc.severity !== 'high' && inc.severity !== 'critical') continue;
      if (!seen.has(inc.id)) {
        seen.add(inc.id);
        fresh.push({ key: inc.id, at: inc.start });
        opts.say(`INCIDENT ${inc.id} ${inc.severity.toUpperCase()} (score ${inc.score}): ${inc.users.map((u) => terminalText(u, { quote: false, max: 100 })).join(', ')}`);
      }
      for (const b of inc.breaches) {
        const key = `${inc.id}|${b.model}|${b.user}|${b.at}`.slice(0, 512);
        if (seen.has(key)) continue;
        seen.add(key);
        fresh.push({ key, at: b.at });
        opts.say(`  ${inc.id} ${b.at.slice(0, 16)}Z ${terminalText(b.user, { quote: false, max: 100 })}: ${b.model} (${b.score}) ${terminalText(b.reasons[0]?.text ?? '', { quote: false, max: 240 })}`);
      }
    }
    if (fresh.length === 0) return undefined;
    return async (trx) => {
      for (let i = 0; i < fresh.length; i += 200) {
        await trx
          .insertInto('pipeline_effects')
          .values(fresh.slice(i, i + 200).map((f) => ({ consumer: NOTIFICATIONS_CONSUMER, key: f.key, at: f.at })))
          .onConflict((oc) => oc.columns(['consumer', 'key']).doNothing())
          .execute();
      }
    };
  }
}
