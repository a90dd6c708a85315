/** Rules of the figures stage, loaded from rules/figures/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FigureRules {}

export function loadFigureRules(_rulesDir: string): FigureRules {
  return {};
}
