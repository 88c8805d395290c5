// Types of bench/generate.mjs, for the tests that use its catalogs.
export const REPO: string;
export const CORPUS: string;
export function rng(seed: number): () => number;
export function templates(): Record<string, unknown>[];
export function catalog(n: number, seed?: number): Record<string, unknown> & { dataset: Record<string, unknown>[] };
export function catalogJson(n: number, seed?: number): string;
export function catalogYaml(n: number, seed?: number): string;
export function writeWorkspace(dir: string, count: number, seed?: number): string[];
