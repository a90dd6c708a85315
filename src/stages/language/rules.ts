/** Rules of the language stage, loaded from rules/language/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LanguageRules {}

export function loadLanguageRules(_rulesDir: string): LanguageRules {
  return {};
}
