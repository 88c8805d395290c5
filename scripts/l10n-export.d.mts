// Types of scripts/l10n-export.mjs, for the tests that re-extract the English bundle.
export declare const BUNDLE: string;
export declare function extract(): Promise<Record<string, string>>;
export declare function serialize(bundle: Record<string, string>): string;
