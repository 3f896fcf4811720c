// An incident's breaches on an SVG timeline: one lane per user, a dot per breach sized by its score.
import { timelinePositions } from './geo-projection.ts';

export interface TimelineItem {
  at: string;
  model: string;
  user: string;
  score: number;
  text: string;
}

const WIDTH = 640;
const LANE = 28;
const PAD = 110;

export function IncidentTimeline({ items, start, end }: { items: readonly TimelineItem[]; start: string; end: string }) {
  const users = [...new Set(items.map((i) => i.user))];
  const xs = timelinePositions(items.map((i) => i.at), start, end, WIDTH - PAD - 20);
  const height = users.length * LANE + 30;
  return (
    <svg role="img" aria-label="Incident timeline" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }} data-testid="incident-timeline">
      {users.map((u, i) => (
        <g key={u}>
          <text x={4} y={i * LANE + 20} fontSize={10}>{u.length > 18 ? `${u.slice(0, 17)}…` : u}</text>
          <line x1={PAD} x2={WIDTH - 10} y1={i * LANE + 16} y2={i * LANE + 16} stroke="#ccc" />
        </g>
      ))}
      {items.map((it, k) => (
        <circle key={`${it.at}-${k}`} cx={PAD + (xs[k] ?? 0)} cy={users.indexOf(it.user) * LANE + 16} r={3 + Math.min(6, it.score / 15)} fill={it.score >= 48 ? '#c50f1f' : '#e3a008'}>
          <title>{`${it.at.slice(0, 16).replace('T', ' ')} ${it.model}: ${it.text}`}</title>
        </circle>
      ))}
      <text x={PAD} y={height - 4} fontSize={9}>{start.slice(0, 16).replace('T', ' ')}</text>
      <text x={WIDTH - 10} y={height - 4} fontSize={9} textAnchor="end">{end.slice(0, 16).replace('T', ' ')}</text>
    </svg>
  );
}
