/** Rules of the dates stage, loaded from rules/dates/ at start-up. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DateRules {}

export function loadDateRules(_rulesDir: string): DateRules {
  return {};
}
