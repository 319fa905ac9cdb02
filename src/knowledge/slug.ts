/**
 * GitHub-style heading slug: lowercase, punctuation dropped (hyphens and underscores kept),
 * spaces to hyphens. Microsoft Learn uses the same rule for heading anchors.
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
