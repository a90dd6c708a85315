/** Rules of the read stage, loaded from rules/read/ at start-up. */
import { join } from 'node:path';
import { readRuleFile, type Schema } from '../../rules/load.js';

export interface ReadRules {
  html: {
    dropTags: Set<string>;
    dropOutsideContent: Set<string>;
    dropRoles: Set<string>;
    dropWords: Set<string>;
    publishedMeta: Set<string>;
  };
}

interface HtmlFile {
  drop_tags: string[];
  drop_outside_content: string[];
  drop_roles: string[];
  drop_class_or_id_words: string[];
  published_meta: string[];
}

const words = { type: 'array', items: { type: 'string', pattern: '^[a-z0-9:._-]+$' } };

const HTML_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['drop_tags', 'drop_outside_content', 'drop_roles', 'drop_class_or_id_words', 'published_meta'],
  properties: {
    drop_tags: words,
    drop_outside_content: words,
    drop_roles: words,
    drop_class_or_id_words: words,
    published_meta: words,
  },
};

export function loadReadRules(rulesDir: string): ReadRules {
  const f = readRuleFile<HtmlFile>(join(rulesDir, 'read', 'html.yaml'), HTML_SCHEMA);
  const d = f.data;
  return {
    html: {
      dropTags: new Set(d.drop_tags),
      dropOutsideContent: new Set(d.drop_outside_content),
      dropRoles: new Set(d.drop_roles),
      dropWords: new Set(d.drop_class_or_id_words),
      publishedMeta: new Set(d.published_meta),
    },
  };
}
