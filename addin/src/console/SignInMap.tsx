// Sign-in locations on an equirectangular SVG plot (graticule only: no tiles, no network), consecutive
// sign-ins joined so impossible travel stands out.
import { distanceKm, projectEquirectangular } from './geo-projection.ts';

export interface SignInDot {
  at: string;
  user: string;
  lat: number;
  lon: number;
  city: string | null;
  country: string | null;
  ip: string | null;
  success: boolean;
}

const W = 640;
const H = 320;

export function SignInMap({ points }: { points: readonly SignInDot[] }) {
  const lines = [];
  for (let lon = -180; lon <= 180; lon += 30) lines.push(<line key={`lo${lon}`} x1={projectEquirectangular(0, lon, W, H).x} x2={projectEquirectangular(0, lon, W, H).x} y1={0} y2={H} stroke="#eee" />);
  for (let lat = -60; lat <= 60; lat += 30) lines.push(<line key={`la${lat}`} y1={projectEquirectangular(lat, 0, W, H).y} y2={projectEquirectangular(lat, 0, W, H).y} x1={0} x2={W} stroke={lat === 0 ? '#ccc' : '#eee'} />);
  const sorted = [...points].sort((a, b) => (a.at < b.at ? -1 : 1));
  const segments = sorted.slice(1).map((p, i) => {
    const prev = sorted[i]!;
    if (prev.user !== p.user) return null;
    const a = projectEquirectangular(prev.lat, prev.lon, W, H);
    const b = projectEquirectangular(p.lat, p.lon, W, H);
    const far = distanceKm(prev, p) > 1000;
    return <line key={`s${i}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={far ? '#c50f1f' : '#8a8886'} strokeDasharray={far ? '4 3' : undefined} />;
  });
  return (
    <svg role="img" aria-label="Sign-in locations" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W, background: '#f8fbff', border: '1px solid #ddd' }} data-testid="signin-map">
      {lines}
      {segments}
      {sorted.map((p, i) => {
        const { x, y } = projectEquirectangular(p.lat, p.lon, W, H);
        return (
          <circle key={`p${i}`} cx={x} cy={y} r={4} fill={p.success ? '#0f6cbd' : '#c50f1f'} data-testid="signin-dot">
            <title>{`${p.at.slice(0, 16).replace('T', ' ')} ${p.user} ${p.city ?? ''} ${p.country ?? ''} ${p.ip ?? ''}${p.success ? '' : ' (failed)'}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
