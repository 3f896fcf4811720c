// The order a reader needs a message's reasons in: a message that could not be fully checked says so first (every
// other reason is then incomplete), then the reasons by weight, then by code so the order is stable.
const LEADING = new Set(['message.not-fully-checked']);

export function byImportance(a: { code: string; weight: number }, b: { code: string; weight: number }): number {
  return Number(LEADING.has(b.code)) - Number(LEADING.has(a.code)) || b.weight - a.weight || a.code.localeCompare(b.code);
}
