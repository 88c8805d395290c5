// Types for update.mjs (imported by test/core/publiccode-ipa.test.ts).
export function ipaCodesJson(text: string, commit: string, retrieved: string): string;
