/** Rules of the read stage, loaded from rules/read/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReadRules {}

export function loadReadRules(_rulesDir: string): ReadRules {
  return {};
}
