/** Rules of the places stage, loaded from rules/places/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlaceRules {}

export function loadPlaceRules(_rulesDir: string): PlaceRules {
  return {};
}
