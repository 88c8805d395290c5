// JSON Schema validation with ajv. Each schema object is compiled once and cached for the life of the
// process; validation of a value is then a plain function call.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction | Error>();

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({
    allErrors: true,
    verbose: true, // errors carry `data` and `parentSchema`, which the messages need
    strict: false, // hand-written schemas carry editor annotations (markdownDescription, x-civic)
    validateFormats: true,
  });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'markdownDescription' });
  ajv.addKeyword({ keyword: 'x-civic' });
  return ajv;
}

/** Compile (once) and return the validator, or the compile error (a schema bug, reported once). */
export function compileSchema(schema: object): ValidateFunction | Error {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    const id = (schema as { $id?: string }).$id;
    result = (id && instance().getSchema(id)) || instance().compile(schema);
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
