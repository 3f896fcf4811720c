// Cities the generator places users, offices, trips and network egress in. `state` and `countryOrRegion`
// are written the way Graph's sign-in `location` writes them (two-letter country codes).

export interface City {
  city: string;
  state: string;
  country: string;
  latitude: number;
  longitude: number;
  timeZone: string;
}

function city(name: string, state: string, country: string, latitude: number, longitude: number, timeZone: string): City {
  return { city: name, state, country, latitude, longitude, timeZone };
}

export const CITIES = {
  newYork: city('New York', 'New York', 'US', 40.7128, -74.006, 'America/New_York'),
  boston: city('Boston', 'Massachusetts', 'US', 42.3601, -71.0589, 'America/New_York'),
  chicago: city('Chicago', 'Illinois', 'US', 41.8781, -87.6298, 'America/Chicago'),
  austin: city('Austin', 'Texas', 'US', 30.2672, -97.7431, 'America/Chicago'),
  denver: city('Denver', 'Colorado', 'US', 39.7392, -104.9903, 'America/Denver'),
  seattle: city('Seattle', 'Washington', 'US', 47.6062, -122.3321, 'America/Los_Angeles'),
  sanFrancisco: city('San Francisco', 'California', 'US', 37.7749, -122.4194, 'America/Los_Angeles'),
  atlanta: city('Atlanta', 'Georgia', 'US', 33.749, -84.388, 'America/New_York'),
  ashburn: city('Ashburn', 'Virginia', 'US', 39.0438, -77.4874, 'America/New_York'),
  london: city('London', 'England', 'GB', 51.5074, -0.1278, 'Europe/London'),
  manchester: city('Manchester', 'England', 'GB', 53.4808, -2.2426, 'Europe/London'),
  edinburgh: city('Edinburgh', 'Scotland', 'GB', 55.9533, -3.1883, 'Europe/London'),
  bristol: city('Bristol', 'England', 'GB', 51.4545, -2.5879, 'Europe/London'),
  berlin: city('Berlin', 'Berlin', 'DE', 52.52, 13.405, 'Europe/Berlin'),
  munich: city('Munich', 'Bayern', 'DE', 48.1351, 11.582, 'Europe/Berlin'),
  hamburg: city('Hamburg', 'Hamburg', 'DE', 53.5511, 9.9937, 'Europe/Berlin'),
  frankfurt: city('Frankfurt am Main', 'Hessen', 'DE', 50.1109, 8.6821, 'Europe/Berlin'),
  paris: city('Paris', 'Ile-de-France', 'FR', 48.8566, 2.3522, 'Europe/Paris'),
  lyon: city('Lyon', 'Auvergne-Rhone-Alpes', 'FR', 45.764, 4.8357, 'Europe/Paris'),
  roubaix: city('Roubaix', 'Hauts-de-France', 'FR', 50.6942, 3.1746, 'Europe/Paris'),
  amsterdam: city('Amsterdam', 'Noord-Holland', 'NL', 52.3676, 4.9041, 'Europe/Amsterdam'),
  rotterdam: city('Rotterdam', 'Zuid-Holland', 'NL', 51.9244, 4.4777, 'Europe/Amsterdam'),
  utrecht: city('Utrecht', 'Utrecht', 'NL', 52.0907, 5.1214, 'Europe/Amsterdam'),
  toronto: city('Toronto', 'Ontario', 'CA', 43.6532, -79.3832, 'America/Toronto'),
  vancouver: city('Vancouver', 'British Columbia', 'CA', 49.2827, -123.1207, 'America/Vancouver'),
  montreal: city('Montreal', 'Quebec', 'CA', 45.5017, -73.5673, 'America/Toronto'),
  sydney: city('Sydney', 'New South Wales', 'AU', -33.8688, 151.2093, 'Australia/Sydney'),
  melbourne: city('Melbourne', 'Victoria', 'AU', -37.8136, 144.9631, 'Australia/Melbourne'),
  tokyo: city('Tokyo', 'Tokyo', 'JP', 35.6762, 139.6503, 'Asia/Tokyo'),
  osaka: city('Osaka', 'Osaka', 'JP', 34.6937, 135.5023, 'Asia/Tokyo'),
  singapore: city('Singapore', 'Singapore', 'SG', 1.3521, 103.8198, 'Asia/Singapore'),
  madrid: city('Madrid', 'Madrid', 'ES', 40.4168, -3.7038, 'Europe/Madrid'),
  barcelona: city('Barcelona', 'Catalonia', 'ES', 41.3874, 2.1686, 'Europe/Madrid'),
  milan: city('Milan', 'Lombardy', 'IT', 45.4642, 9.19, 'Europe/Rome'),
  rome: city('Rome', 'Lazio', 'IT', 41.9028, 12.4964, 'Europe/Rome'),
  dubai: city('Dubai', 'Dubai', 'AE', 25.2048, 55.2708, 'Asia/Dubai'),
  bengaluru: city('Bengaluru', 'Karnataka', 'IN', 12.9716, 77.5946, 'Asia/Kolkata'),
  mumbai: city('Mumbai', 'Maharashtra', 'IN', 19.076, 72.8777, 'Asia/Kolkata'),
  saoPaulo: city('Sao Paulo', 'Sao Paulo', 'BR', -23.5505, -46.6333, 'America/Sao_Paulo'),
  seoul: city('Seoul', 'Seoul', 'KR', 37.5665, 126.978, 'Asia/Seoul'),
  helsinki: city('Helsinki', 'Uusimaa', 'FI', 60.1699, 24.9384, 'Europe/Helsinki'),
  bucharest: city('Bucharest', 'Bucuresti', 'RO', 44.4268, 26.1025, 'Europe/Bucharest'),
  zurich: city('Zurich', 'Zurich', 'CH', 47.3769, 8.5417, 'Europe/Zurich'),
  stockholm: city('Stockholm', 'Stockholm', 'SE', 59.3293, 18.0686, 'Europe/Stockholm'),
  warsaw: city('Warsaw', 'Mazowieckie', 'PL', 52.2297, 21.0122, 'Europe/Warsaw'),
  lagos: city('Lagos', 'Lagos', 'NG', 6.5244, 3.3792, 'Africa/Lagos'),
  hongKong: city('Hong Kong', 'Hong Kong', 'HK', 22.3193, 114.1694, 'Asia/Hong_Kong'),
} as const satisfies Record<string, City>;

export type CityKey = keyof typeof CITIES;

/** Great-circle distance in kilometres. */
export function distanceKm(a: City, b: City): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
