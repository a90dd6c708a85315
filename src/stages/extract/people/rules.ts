/** Rules of the people stage, loaded from rules/people/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PeopleRules {}

export function loadPeopleRules(_rulesDir: string): PeopleRules {
  return {};
}
