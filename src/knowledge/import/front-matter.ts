/** Reads the metadata block that opens a Microsoft Learn article (YAML or `<properties … />`). */

export interface FrontMatter {
  fields: Record<string, string>;
  /** The article text with the block blanked out, so parser line numbers stay true. */
  body: string;
}

function blank(block: string): string {
  return block.replace(/[^\n]/g, '');
}

/** Splits the metadata from the markdown. Unknown or absent metadata yields no fields. */
export function readFrontMatter(text: string): FrontMatter {
  const fields: Record<string, string> = {};
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (yaml) {
    for (const line of yaml[1].split('\n')) {
      const m = /^([A-Za-z][\w.:-]*)\s*:\s*(.*)$/.exec(line.trim());
      if (m) fields[m[1]] = m[2].replace(/^["']|["']$/g, '').trim();
    }
    return { fields, body: blank(yaml[0]) + text.slice(yaml[0].length) };
  }
  const props = /^\s*<properties\b([\s\S]*?)\/>/.exec(text);
  if (props) {
    for (const m of props[1].matchAll(/([\w.]+)\s*=\s*"([^"]*)"/g)) fields[m[1]] = m[2].trim();
    if (fields.pageTitle && !fields.title) fields.title = fields.pageTitle;
    return { fields, body: blank(props[0]) + text.slice(props[0].length) };
  }
  return { fields, body: text };
}

/** `12/16/2024` or `2024-12-16` as `2024-12-16`; null when absent or unreadable. */
export function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso ? value : null;
}
