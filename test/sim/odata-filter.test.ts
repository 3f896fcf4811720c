import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../server/src/sim/odata-filter.ts';
import { GraphHttpError } from '../../server/src/sim/graph-error.ts';

const spec = { fields: { createdDateTime: 'datetime', loggedByService: 'string', activityDisplayName: 'string' } } as const;

describe('OData $filter subset', () => {
  it('parses date ranges joined by and, with or without quotes', () => {
    const c = parseFilter("createdDateTime ge 2026-03-01T00:00:00Z and createdDateTime lt '2026-03-02T00:00:00.000Z'", { fields: { ...spec.fields } });
    expect(c).toEqual([
      { field: 'createdDateTime', op: 'ge', value: Date.parse('2026-03-01T00:00:00Z') },
      { field: 'createdDateTime', op: 'lt', value: Date.parse('2026-03-02T00:00:00Z') },
    ]);
    expect(matchesFilter(c, () => Date.parse('2026-03-01T12:00:00Z'))).toBe(true);
    expect(matchesFilter(c, () => Date.parse('2026-03-02T00:00:00Z'))).toBe(false);
  });

  it('matches strings case-insensitively, with eq and startswith and escaped quotes', () => {
    const c = parseFilter("loggedByService eq 'Authentication Methods' and startswith(activityDisplayName,'User''s')", { fields: { ...spec.fields } });
    const rec: Record<string, string> = { loggedByService: 'authentication methods', activityDisplayName: "User's registration" };
    expect(matchesFilter(c, (f) => rec[f])).toBe(true);
    rec['activityDisplayName'] = 'Admin';
    expect(matchesFilter(c, (f) => rec[f])).toBe(false);
  });

  it('rejects what Graph would reject with 400', () => {
    for (const bad of ['createdDateTime ge yesterday', 'createdDateTime ge 2026-01-01 or createdDateTime le 2026-02-01', 'userId eq 3', "loggedByService gt 'a'", 'createdDateTime', '']) {
      expect(() => parseFilter(bad, { fields: { ...spec.fields } }), bad).toThrow(GraphHttpError);
    }
    expect(() => parseFilter('x'.repeat(5000), { fields: { ...spec.fields } })).toThrow(/too long/);
  });
});
