// Microsoft Graph's published resource types, read at test time from the official typings
// (@microsoft/microsoft-graph-types for v1.0, @microsoft/microsoft-graph-types-beta for beta) with the
// TypeScript compiler API, and a runtime check of Graph JSON against them: a property the version does not
// define, a value of the wrong JSON type, or a string outside an enum's members is a problem. Types are
// followed into nested objects and arrays, and `@odata.type` switches to the derived type it names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

export type GraphVersion = 'v1.0' | 'beta';

interface InterfaceDef {
  bases: string[];
  props: Map<string, ts.TypeNode | undefined>;
}

export interface GraphSchema {
  version: GraphVersion;
  /** Every property name the type has, its bases' included (undefined for an unknown type). */
  propertiesOf(typeName: string): Set<string> | undefined;
  /** Problems of `value` read as `typeName` (empty when it conforms). */
  check(value: unknown, typeName: string, options?: CheckOptions): string[];
}

export interface CheckOptions {
  /** Allow `@removed` on the top object (a delta item). */
  deltaItem?: boolean;
}

const PACKAGES: Record<GraphVersion, string> = {
  'v1.0': '@microsoft/microsoft-graph-types/microsoft-graph.d.ts',
  beta: '@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts',
};

const cache = new Map<GraphVersion, GraphSchema>();

export function graphSchema(version: GraphVersion): GraphSchema {
  let s = cache.get(version);
  if (!s) {
    s = load(version);
    cache.set(version, s);
  }
  return s;
}

function load(version: GraphVersion): GraphSchema {
  const file = createRequire(import.meta.url).resolve(PACKAGES[version]);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const interfaces = new Map<string, InterfaceDef>();
  const aliases = new Map<string, ts.TypeNode>();
  // Top-level declarations only: the namespaces (CallRecords, SecurityNamespace, ...) hold other resources.
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const bases = (st.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      const props = new Map<string, ts.TypeNode | undefined>();
      for (const m of st.members) if (ts.isPropertySignature(m) && m.name) props.set(propName(m.name, source), m.type);
      interfaces.set(st.name.text, { bases, props });
    } else if (ts.isTypeAliasDeclaration(st) && st.typeParameters === undefined) {
      aliases.set(st.name.text, st.type);
    }
  }
  const ancestors = (name: string): string[] => {
    const out: string[] = [];
    const walk = (n: string): void => {
      for (const b of interfaces.get(n)?.bases ?? []) {
        out.push(b);
        walk(b);
      }
    };
    walk(name);
    return out;
  };
  const isA = (name: string, base: string): boolean => name === base || ancestors(name).includes(base);
  const propsOf = (name: string): Map<string, ts.TypeNode | undefined> | undefined => {
    const def = interfaces.get(name);
    if (!def) return undefined;
    const all = new Map<string, ts.TypeNode | undefined>();
    for (const b of [...ancestors(name)].reverse()) for (const [k, v] of interfaces.get(b)?.props ?? []) all.set(k, v);
    for (const [k, v] of def.props) all.set(k, v);
    return all;
  };

  function checkNode(value: unknown, node: ts.TypeNode | undefined, path: string, out: string[]): void {
    if (!node) return;
    if (ts.isParenthesizedTypeNode(node)) return checkNode(value, node.type, path, out);
    switch (node.kind) {
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return;
      case ts.SyntaxKind.StringKeyword:
        if (typeof value !== 'string') out.push(`${path}: expected a string, got ${describe(value)}`);
        return;
      case ts.SyntaxKind.NumberKeyword:
        if (typeof value !== 'number') out.push(`${path}: expected a number, got ${describe(value)}`);
        return;
      case ts.SyntaxKind.BooleanKeyword:
        if (typeof value !== 'boolean') out.push(`${path}: expected a boolean, got ${describe(value)}`);
        return;
    }
    if (ts.isArrayTypeNode(node)) {
      if (!Array.isArray(value)) {
        out.push(`${path}: expected an array, got ${describe(value)}`);
        return;
      }
      value.forEach((v, i) => checkNode(v, node.elementType, `${path}[${i}]`, out));
      return;
    }
    if (ts.isLiteralTypeNode(node)) {
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) {
        if (value !== null) out.push(`${path}: expected null`);
      } else if (ts.isStringLiteral(node.literal)) {
        if (value !== node.literal.text) out.push(`${path}: expected "${node.literal.text}", got ${describe(value)}`);
      }
      return;
    }
    if (ts.isUnionTypeNode(node)) {
      const literals = node.types.filter((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal));
      if (literals.length === node.types.length) {
        const allowed = literals.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
        // Flag enums travel as comma-separated members ("a,b").
        const parts = typeof value === 'string' ? value.split(',').map((p) => p.trim()) : [];
        if (typeof value !== 'string' || !parts.every((p) => allowed.includes(p))) out.push(`${path}: ${describe(value)} is not one of ${allowed.join(' | ')}`);
        return;
      }
      for (const t of node.types) {
        const sub: string[] = [];
        checkNode(value, t, path, sub);
        if (sub.length === 0) return;
      }
      out.push(`${path}: ${describe(value)} matches none of ${node.getText(source)}`);
      return;
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (name === 'NullableOption') {
        if (value === null) return;
        return checkNode(value, node.typeArguments?.[0], path, out);
      }
      if (name === 'Date') {
        if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) out.push(`${path}: expected a date-time string`);
        return;
      }
      const alias = aliases.get(name);
      if (alias) return checkNode(value, alias, path, out);
      if (interfaces.has(name)) return checkObject(value, name, path, out, false);
      out.push(`${path}: the typings have no type ${name}`);
      return;
    }
    if (ts.isTypeLiteralNode(node)) return; // inline object types: none on the resources Lantern uses
    out.push(`${path}: unsupported type node ${ts.SyntaxKind[node.kind]}`);
  }

  function checkObject(value: unknown, declared: string, path: string, out: string[], deltaItem: boolean): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push(`${path}: expected a ${declared} object, got ${describe(value)}`);
      return;
    }
    const rec = value as Record<string, unknown>;
    let typeName = declared;
    const odataType = rec['@odata.type'];
    if (odataType !== undefined) {
      const m = typeof odataType === 'string' ? /^#microsoft\.graph\.([A-Za-z0-9]+)$/.exec(odataType) : null;
      const named = m ? upperFirst(m[1] as string) : undefined;
      if (!named || !interfaces.has(named)) out.push(`${path}: @odata.type ${String(odataType)} names no type of ${version}`);
      else if (!isA(named, declared)) out.push(`${path}: @odata.type ${String(odataType)} is not a ${declared}`);
      else typeName = named;
    }
    const props = propsOf(typeName) ?? new Map<string, ts.TypeNode | undefined>();
    for (const [k, v] of Object.entries(rec)) {
      if (k.startsWith('@odata.')) continue;
      if (deltaItem && k === '@removed') continue;
      if (!props.has(k)) {
        out.push(`${path}.${k}: ${typeName} of Graph ${version} has no property ${k}`);
        continue;
      }
      checkNode(v, props.get(k), `${path}.${k}`, out);
    }
  }

  return {
    version,
    propertiesOf(typeName) {
      const p = propsOf(typeName);
      return p ? new Set(p.keys()) : undefined;
    },
    check(value, typeName, options = {}) {
      if (!interfaces.has(typeName)) return [`the ${version} typings have no type ${typeName}`];
      const out: string[] = [];
      checkObject(value, typeName, typeName, out, options.deltaItem ?? false);
      return out;
    },
  };
}

function propName(name: ts.PropertyName, source: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(source);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
