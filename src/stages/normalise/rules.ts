/** Rules of the normalise stage, loaded from rules/normalise/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NormaliseRules {}

export function loadNormaliseRules(_rulesDir: string): NormaliseRules {
  return {};
}
