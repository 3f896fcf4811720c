// Equirectangular projection for the sign-in map: longitude → x, latitude → y, on a plain SVG (no tiles, no
// network). Pure.

export interface MapPoint {
  x: number;
  y: number;
}

/** Projects (lat, lon) onto a width × height plate carrée; out-of-range values are clamped. */
export function projectEquirectangular(lat: number, lon: number, width: number, height: number): MapPoint {
  const la = Math.max(-90, Math.min(90, lat));
  const lo = Math.max(-180, Math.min(180, lon));
  return { x: ((lo + 180) / 360) * width, y: ((90 - la) / 180) * height };
}

/** Great-circle distance in km (haversine), for labelling jumps between consecutive sign-ins. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6371;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Positions of timeline entries between start and end on [0, width]; a zero-length window puts all at 0. */
export function timelinePositions(times: readonly string[], start: string, end: string, width: number): number[] {
  const s = new Date(start).getTime();
  const e = new Date(end).getTime();
  const span = e - s;
  return times.map((t) => {
    if (!(span > 0)) return 0;
    const v = ((new Date(t).getTime() - s) / span) * width;
    return Math.max(0, Math.min(width, v));
  });
}
