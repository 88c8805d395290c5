// The custom requests between the client and the server, beyond LSP: names, parameters and results.
// Dependency-free at run time (type imports only), so the clients (client/src/) import it too.

import type { NewFileTemplate } from '../core/newFile';

export const NEW_FILE_REQUEST = 'civicSchemas/newFile';
export const VALIDATE_FILES_REQUEST = 'civicSchemas/validateFiles';

export interface NewFileParams {
  /** One of the offered file names; absent: the offer. */
  fileName?: string;
}

/** core/newFile.ts's template: file name, standard, title, language and the skeleton snippet. */
export type NewFileTemplateResult = NewFileTemplate;

/** The template for a file name; without one, the names on offer; null for a name not on offer. */
export type NewFileResult = NewFileTemplateResult | { choices: { fileName: string; title: string }[] } | null;

export interface ValidateFilesParams {
  uris: string[];
}

export interface ValidateFilesResult {
  /** Files asked for. */
  files: number;
  /** Files of a detected standard, checked (open ones with their editor text, the others from disk). */
  checked: number;
  /** Not a metadata file (no standard detected), or unreadable. */
  skipped: number;
  errors: number;
  warnings: number;
  /** Files that could not be read, with the reason. */
  unreadable: { uri: string; reason: string }[];
  cancelled: boolean;
}
