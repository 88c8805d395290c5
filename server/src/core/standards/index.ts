// The registry of standards. Adding a standard: a folder beside this file and one line below.
import type { StandardDefinition } from '../standard';
import { publiccode } from './publiccode';
import { civicJson } from './civic-json';
import { datapackage } from './datapackage';
import { dcatUs } from './dcat-us';

export const STANDARDS: readonly StandardDefinition[] = [publiccode, civicJson, datapackage, dcatUs];

export function getStandard(id: string): StandardDefinition | undefined {
  return STANDARDS.find((s) => s.id === id);
}
