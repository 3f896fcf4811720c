import { describe, expect, it } from 'vitest';
import { distanceKm, projectEquirectangular, timelinePositions } from '../../addin/src/console/geo-projection.ts';

describe('console geometry', () => {
  it('projects lat/lon equirectangularly and clamps', () => {
    expect(projectEquirectangular(0, 0, 360, 180)).toEqual({ x: 180, y: 90 });
    expect(projectEquirectangular(90, -180, 360, 180)).toEqual({ x: 0, y: 0 });
    expect(projectEquirectangular(-95, 200, 360, 180)).toEqual({ x: 360, y: 180 });
  });
  it('measures great-circle distance (London–New York ≈ 5,570 km)', () => {
    const d = distanceKm({ lat: 51.5074, lon: -0.1278 }, { lat: 40.7128, lon: -74.006 });
    expect(d).toBeGreaterThan(5500);
    expect(d).toBeLessThan(5650);
  });
  it('places timeline entries inside the window', () => {
    expect(timelinePositions(['2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z', '2026-01-03T00:00:00Z'], '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 100)).toEqual([0, 50, 100]);
    expect(timelinePositions(['2026-01-01T00:00:00Z'], '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 100)).toEqual([0]);
  });
});
