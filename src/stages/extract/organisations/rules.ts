/** Rules of the organisations stage, loaded from rules/organisations/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrganisationRules {}

export function loadOrganisationRules(_rulesDir: string): OrganisationRules {
  return {};
}
