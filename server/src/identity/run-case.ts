// Runs one detection model's own case through the real engine: learn the history, then probe the event.
import type { Breach } from '@lantern/shared';
import type { DetectionCase, DetectionModel } from '../detections/model.ts';
import { IdentityEngine } from './engine.ts';

export function runCase(model: DetectionModel<never>, c: DetectionCase, engine = new IdentityEngine({ tenantDomains: c.tenantDomains ?? ['contoso.com'] })): Breach | null {
  const history = [...c.history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  engine.ingest(history);
  return engine.probe(c.event).find((b) => b.model === model.meta.id) ?? null;
}
