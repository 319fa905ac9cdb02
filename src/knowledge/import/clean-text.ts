/**
 * Removes what Microsoft Learn renders but a reader of plain text must not see: `:::image …:::`
 * directives (with their `:::image-end:::`), stray callout markers, leftover block tags.
 */
export function cleanText(text: string): string {
  return text
    .replace(/:::image\b[\s\S]*?:::(?:[\s\S]*?:::image-end:::)?/g, '')
    .replace(/:::[a-z-]*(?:\s[^:]*)?:::/gi, '')
    .replace(/\[!(?:NOTE|WARNING|IMPORTANT|TIP|CAUTION)\]\s*/gi, '')
    .replace(/<\/?(?:br|p|ul|ol|li)\s*\/?>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,;:])(?=\s|$)/g, '$1')
    .trim();
}
