// JSON Schema validation with ajv. Each schema object is compiled once and cached for the life of the
// process; validation of a value is then a plain function call. The draft is chosen by the schema's
// `$schema`: draft-07 by default, draft-04 (the DCAT-US / Project Open Data schemas), 2019-09 and 2020-12.

import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { useCodePointLengths } from './stringLength';

export type Draft = 'draft-04' | 'draft-07' | '2019-09' | '2020-12';

const instances = new Map<Draft, Ajv>();
const compiled = new WeakMap<object, ValidateFunction | Error>();

export function draftOf(schema: object): Draft {
  const declared = String((schema as { $schema?: unknown }).$schema ?? '');
  if (/draft-04/.test(declared)) return 'draft-04';
  if (/2019-09/.test(declared)) return '2019-09';
  if (/2020-12/.test(declared)) return '2020-12';
  return 'draft-07';
}

function instance(draft: Draft): Ajv {
  const existing = instances.get(draft);
  if (existing) return existing;
  const options: Options = {
    allErrors: true,
    verbose: true, // errors carry `data` and `parentSchema`, which the messages need
    strict: false, // hand-written schemas carry editor annotations (markdownDescription, x-civic)
    validateFormats: true,
    // Published schemas escape characters that need no escape (`\_`), which the `u` flag rejects.
    unicodeRegExp: false,
    // Only the bundled schemas come here (user schemas: userSchema.ts), and the tests compile each of
    // them: checking them against their meta-schema again costs the first big open ~20 ms.
    validateSchema: false,
  };
  const created: Ajv =
    draft === 'draft-04' ? (new AjvDraft04(options) as unknown as Ajv)
    : draft === '2019-09' ? new Ajv2019(options)
    : draft === '2020-12' ? new Ajv2020(options)
    : new Ajv(options);
  addFormats(created);
  useCodePointLengths(created);
  created.addKeyword({ keyword: 'markdownDescription' });
  created.addKeyword({ keyword: 'x-civic' });
  instances.set(draft, created);
  return created;
}

/**
 * Register schemas that others `$ref` by id (e.g. a catalog schema referring to its dataset schema).
 * Call before compiling the schema that refers to them.
 */
export function registerSchemas(schemas: object[]): void {
  for (const schema of schemas) {
    const ajv = instance(draftOf(schema));
    const id = (schema as { $id?: string; id?: string }).$id ?? (schema as { id?: string }).id;
    if (id && !ajv.getSchema(id)) {
      try {
        ajv.addSchema(schema);
      } catch {
        // a broken schema is reported when something compiles it
      }
    }
  }
}

/** Compile (once) and return the validator, or the compile error (a schema bug, reported once). */
export function compileSchema(schema: object): ValidateFunction | Error {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    const ajv = instance(draftOf(schema));
    const id = (schema as { $id?: string }).$id ?? (schema as { id?: string }).id;
    result = (id && ajv.getSchema(id)) || ajv.compile(schema);
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  compiled.set(schema, result);
  return result;
}

export interface SchemaValidation {
  errors: ErrorObject[];
  /** Set when the schema itself could not be compiled. */
  schemaError?: string;
}

export function validateAgainst(schema: object, value: unknown): SchemaValidation {
  const validate = compileSchema(schema);
  if (validate instanceof Error) return { errors: [], schemaError: validate.message };
  try {
    validate(value);
  } catch (err) {
    return { errors: [], schemaError: `validation failed: ${(err as Error).message}` };
  }
  return { errors: validate.errors ? [...validate.errors] : [] };
}
