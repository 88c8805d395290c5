// What the reference validator makes of a type error. publiccode-parser-go decodes the file into Go
// structs (goccy/go-yaml); when a value anywhere inside a top-level key cannot be decoded into its Go type,
// that whole top-level field is left empty, and the validator's required checks then fire on it:
// "description must contain more than 0 items" for a map or list, "availableLanguages is a required
// field" for each required key of a struct — keys that are present and fine. The type error itself is
// reported by the schema (publiccode/wrong-type) or by publiccode/boolean-as-text; this rule explains the
// follow-on errors the catalogue will show, at the keys it will show them on.
//
// Only type errors the Go decoder certainly rejects count: a mapping or a list where a scalar belongs (or
// the other way round), and text that strconv.ParseBool rejects in a true/false key. A number where text
// belongs is converted by the decoder, so it is not one. 0.x only: the released validator rejects version
// "1" before decoding anything (publiccode/release-candidate says so).

import schema0 from '../../../../../schemas/publiccode/publiccode-0.schema.json';
import { escapeSegment, splitPointer, valueAt } from '../../pointer';
import type { Rule, RuleContext } from '../../standard';
import { isSchemaObject, schemaFacts, schemasAt, type InstanceType } from '../../schemaWalk';
import { M, isObj, place } from '../../rules/kit';
import { isV1 } from './migrations';
import * as l10n from '../../l10n';

const ROOT = schema0 as object;

type Shape = 'scalar' | 'mapping' | 'sequence';

function shapeOf(v: unknown): Shape | undefined {
  if (v === null || v === undefined) return undefined; // null decodes to the zero value: no error
  if (Array.isArray(v)) return 'sequence';
  return typeof v === 'object' ? 'mapping' : 'scalar';
}

function shapesOf(types: InstanceType[]): Set<Shape> {
  const out = new Set<Shape>();
  for (const t of types) {
    if (t === 'object') out.add('mapping');
    else if (t === 'array') out.add('sequence');
    else if (t !== 'null') out.add('scalar');
  }
  return out;
}

/** The spellings Go's strconv.ParseBool accepts; other text in a bool field fails to decode. */
const GO_BOOL_TEXT = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Would the Go decoder certainly fail on `v` in a field whose schema allows `types` (empty: anything)? */
export function decoderRejects(v: unknown, types: InstanceType[]): boolean {
  const shape = shapeOf(v);
  if (types.length === 0 || !shape) return false;
  if (!shapesOf(types).has(shape)) return true;
  return types.every((t) => t === 'boolean') && typeof v === 'string' && !GO_BOOL_TEXT.has(v);
}

/** The keys every applicable schema at `pointer` certainly requires. */
function requiredAt(pointer: string): string[] {
  const out = new Set<string>();
  for (const { schema, certain } of schemasAt(ROOT, pointer)) {
    if (certain && Array.isArray(schema.required)) for (const k of schema.required) if (typeof k === 'string') out.add(k);
  }
  return [...out];
}

/** Is the Go type of the field at `pointer` a struct (named properties, some required) rather than a map or list? */
function isStruct(pointer: string): boolean {
  return requiredAt(pointer).length > 0 && schemasAt(ROOT, pointer).some(({ schema }) => isSchemaObject(schema.properties));
}

/** `pointer` with every list index written as 0: the items of a list share one schema. */
function itemsAsFirst(value: unknown, pointer: string): string {
  let cur = value;
  let out = '';
  for (const seg of splitPointer(pointer)) {
    out += `/${Array.isArray(cur) ? '0' : escapeSegment(seg)}`;
    cur = Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined;
  }
  return out;
}

/**
 * The values the Go decoder cannot decode, by the top-level key that holds them (the key itself excluded),
 * in document order; nothing below a value already found. One pass over the document's nodes; the schema
 * is walked once per place, list items sharing their list's item schema.
 */
function typeErrorsByTopKey(ctx: RuleContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const typesAt = new Map<string, InstanceType[]>();
  for (const pointer of ctx.doc.nodes.keys()) {
    const top = pointer.indexOf('/', 1);
    if (top === -1) continue;
    const found = out.get(pointer.slice(0, top)) ?? [];
    if (found.some((p) => pointer.startsWith(`${p}/`))) continue;
    const shape = itemsAsFirst(ctx.value, pointer);
    let types = typesAt.get(shape);
    if (!types) typesAt.set(shape, (types = schemaFacts(schemasAt(ROOT, shape)).types));
    if (!decoderRejects(valueAt(ctx.value, pointer), types)) continue;
    found.push(pointer);
    out.set(pointer.slice(0, top), found);
  }
  const start = (p: string) => ctx.doc.nodes.get(p)?.value.start ?? 0;
  for (const list of out.values()) list.sort((a, b) => start(a) - start(b));
  return out;
}

function lineOf(ctx: RuleContext, pointer: string): number {
  const info = ctx.doc.nodes.get(pointer);
  return info ? ctx.doc.positionAt((info.key ?? info.value).start).line + 1 : 0;
}

export const droppedByReferenceParser: Rule = {
  meta: [M('publiccode/dropped-by-reference-parser', 'error', 'A type error makes the reference validator read a whole required section as empty')],
  run(ctx) {
    if (!isObj(ctx.value) || isV1(ctx) || ctx.doc.syntaxFindings.some((f) => f.severity === 'error')) return;
    const typeErrors = typeErrorsByTopKey(ctx);
    for (const key of requiredAt('')) {
      const top = `/${escapeSegment(key)}`;
      const v = ctx.value[key];
      const causes = typeErrors.get(top);
      // Nothing inside it fails to decode, or it is a single value (a wrong-typed section is reported as such).
      if (!causes || (!isObj(v) && !Array.isArray(v))) continue;
      // A struct: each required key that is present is reported missing; a map or list: the section is empty.
      const targets = isStruct(top) && isObj(v)
        ? requiredAt(top).filter((k) => Object.prototype.hasOwnProperty.call(v, k)).map((k) => ({ pointer: `${top}/${escapeSegment(k)}`, parser: `${k} is a required field` }))
        : [{ pointer: top, parser: `${key} must contain more than 0 items` }];
      for (const { pointer, parser } of targets) {
        if (causes.includes(pointer)) continue; // the type error itself is reported where it is
        ctx.report({
          ruleId: 'publiccode/dropped-by-reference-parser',
          pointer,
          on: 'key',
          message: l10n.t(
            'publiccode-parser-go, the validator of the Developers Italia catalogue, reads all of {0} as empty because {1} (line {2}) has the wrong type, so it rejects the file with "{3}", although {4} is present. Fix that value and this goes away.',
            key,
            place(causes[0]),
            lineOf(ctx, causes[0]),
            parser,
            place(pointer),
          ),
          data: { section: key, causes, parserMessage: parser },
        });
      }
    }
  },
};
