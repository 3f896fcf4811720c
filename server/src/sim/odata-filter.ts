// The small part of OData $filter that Graph's audit-log and message endpoints accept:
// `field op literal` clauses joined by `and`, with ge/le/gt/lt/eq on date-time fields and
// eq/startswith on string fields. Anything else is rejected (Graph answers 400 too).
import { badRequest } from './graph-error.ts';

export type FilterOp = 'ge' | 'le' | 'gt' | 'lt' | 'eq' | 'startswith';

export interface FilterClause {
  field: string;
  op: FilterOp;
  /** Epoch milliseconds for date-time fields, the string otherwise. */
  value: number | string;
}

export interface FilterSpec {
  /** Field name (as written in $filter, e.g. "initiatedBy/user/id") to its kind. */
  fields: Record<string, 'datetime' | 'string'>;
}

const MAX_FILTER_LENGTH = 2000;

export function parseFilter(text: string, spec: FilterSpec): FilterClause[] {
  if (text.length > MAX_FILTER_LENGTH) throw badRequest('Invalid filter clause: too long');
  const clauses: FilterClause[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const [clause, remaining] = parseClause(rest, spec);
    clauses.push(clause);
    rest = remaining.trim();
    if (rest.length === 0) break;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw badRequest(`Invalid filter clause: unexpected '${rest.slice(0, 40)}'`);
    rest = rest.slice(and[0].length);
  }
  if (clauses.length === 0) throw badRequest('Invalid filter clause: empty');
  return clauses;
}

function parseClause(text: string, spec: FilterSpec): [FilterClause, string] {
  const fn = /^startswith\(\s*([A-Za-z_/]+)\s*,\s*'((?:[^']|'')*)'\s*\)/i.exec(text);
  if (fn) {
    const field = fieldOf(fn[1] ?? '', spec);
    if (spec.fields[field] !== 'string') throw badRequest(`Invalid filter clause: startswith is not supported on '${field}'`);
    return [{ field, op: 'startswith', value: (fn[2] ?? '').replace(/''/g, "'") }, text.slice(fn[0].length)];
  }
  const m = /^([A-Za-z_/]+)\s+(ge|le|gt|lt|eq)\s+('(?:[^']|'')*'|[0-9T:.\-+Z]+)/i.exec(text);
  if (!m) throw badRequest(`Invalid filter clause: cannot parse '${text.slice(0, 60)}'`);
  const field = fieldOf(m[1] ?? '', spec);
  const op = (m[2] ?? '').toLowerCase() as FilterOp;
  const raw = m[3] ?? '';
  const kind = spec.fields[field];
  if (kind === 'datetime') {
    const literal = raw.startsWith("'") ? raw.slice(1, -1) : raw;
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(literal)) {
      throw badRequest(`Invalid filter clause: '${literal}' is not a valid DateTimeOffset`);
    }
    const ms = Date.parse(/T.*(Z|[+-]\d{2}:\d{2})$/.test(literal) || !literal.includes('T') ? literal : literal + 'Z');
    if (Number.isNaN(ms)) throw badRequest(`Invalid filter clause: '${literal}' is not a valid DateTimeOffset`);
    return [{ field, op, value: ms }, text.slice(m[0].length)];
  }
  if (op !== 'eq') throw badRequest(`Invalid filter clause: operator '${op}' is not supported on '${field}'`);
  if (!raw.startsWith("'")) throw badRequest(`Invalid filter clause: '${field}' needs a quoted string`);
  return [{ field, op, value: raw.slice(1, -1).replace(/''/g, "'") }, text.slice(m[0].length)];
}

function fieldOf(name: string, spec: FilterSpec): string {
  const match = Object.keys(spec.fields).find((f) => f.toLowerCase() === name.toLowerCase());
  if (!match) throw badRequest(`Invalid filter clause: property '${name}' is not supported in $filter`);
  return match;
}

/** Whether a record's field values satisfy every clause (string comparison is case-insensitive, as in Graph). */
export function matchesFilter(clauses: FilterClause[], read: (field: string) => number | string | null | undefined): boolean {
  for (const c of clauses) {
    const v = read(c.field);
    if (v === null || v === undefined) return false;
    if (typeof c.value === 'number') {
      if (typeof v !== 'number') return false;
      if (c.op === 'ge' && !(v >= c.value)) return false;
      if (c.op === 'le' && !(v <= c.value)) return false;
      if (c.op === 'gt' && !(v > c.value)) return false;
      if (c.op === 'lt' && !(v < c.value)) return false;
      if (c.op === 'eq' && v !== c.value) return false;
    } else {
      const a = String(v).toLowerCase();
      const b = c.value.toLowerCase();
      if (c.op === 'eq' && a !== b) return false;
      if (c.op === 'startswith' && !a.startsWith(b)) return false;
    }
  }
  return true;
}
