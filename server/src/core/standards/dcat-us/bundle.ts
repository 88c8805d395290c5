// Make one self-contained schema out of a root file and the files it `$ref`s by name
// (`"$ref": "dataset.json"`, `"dataset.json#/properties/title"`): each referenced file goes under the
// root's `definitions` (without its own `$id`/`$schema`) and every reference becomes local. ajv then
// compiles one document, and completion/hover (schemaWalk, which follows local refs only) see it all.
// The files on disk keep their relative refs, so editors that load them by URL resolve them too.

type Json = unknown;

function definitionName(file: string): string {
  return file.replace(/\.json$/, '');
}

function rewrite(node: Json, currentFile: string | undefined, files: Record<string, object>, used: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, currentFile, files, used));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node as Record<string, Json>)) {
    // `examples`, `enum`, `const` and `default` are data, not schemas.
    if (k === 'examples' || k === 'enum' || k === 'const' || k === 'default') {
      out[k] = v;
      continue;
    }
    if (k === '$ref' && typeof v === 'string') {
      out[k] = localRef(v, currentFile, files, used);
      continue;
    }
    out[k] = rewrite(v, currentFile, files, used);
  }
  return out;
}

function localRef(ref: string, currentFile: string | undefined, files: Record<string, object>, used: Set<string>): string {
  const hash = ref.indexOf('#');
  const file = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  const target = file === '' ? currentFile : file;
  if (target === undefined) return ref; // a local ref inside the root stays as it is
  if (!files[target]) throw new Error(`schema ${currentFile ?? 'root'} refers to ${ref}, which is not bundled`);
  used.add(target);
  return `#/definitions/${definitionName(target)}${fragment.startsWith('/') ? fragment : ''}`;
}

/** The root file with every file it needs (transitively) embedded under `definitions`. */
export function bundleSchema(rootFile: string, files: Record<string, object>): object {
  const used = new Set<string>();
  const root = rewrite(files[rootFile], undefined, files, used) as Record<string, Json>;
  const definitions: Record<string, Json> = { ...((root.definitions as Record<string, Json> | undefined) ?? {}) };
  const done = new Set<string>();
  let pending = [...used];
  while (pending.length) {
    const next: string[] = [];
    for (const file of pending) {
      if (done.has(file)) continue;
      done.add(file);
      const more = new Set<string>();
      const { $id: _id, $schema: _schema, ...body } = rewrite(files[file], file, files, more) as Record<string, Json>;
      definitions[definitionName(file)] = body;
      next.push(...[...more].filter((f) => !done.has(f)));
    }
    pending = next;
  }
  // A root that refers to itself by file name (organization.json → subOrganizationOf) points into its
  // own copy under definitions; that copy is already there.
  return { ...root, definitions };
}
