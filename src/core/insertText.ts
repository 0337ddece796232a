/** The text a citation inserts: a quotation or a sentence. */

export type QuoteStyle = 'curly' | 'straight';

/** Wrap a passage in quotation marks; double quotes inside become single ones. */
export function asQuotation(text: string, style: QuoteStyle = 'curly'): string {
  let inner = text.trim();
  const wrapped = /^["“](.*)["”]$/s.exec(inner);
  if (wrapped && !/["“”]/.test(wrapped[1])) inner = wrapped[1];
  if (style === 'curly') {
    inner = inner.replace(/“/g, '‘').replace(/”/g, '’').replace(/"(?=\S)/g, '‘').replace(/"/g, '’');
    return `“${inner}”`;
  }
  inner = inner.replace(/[“”"]/g, "'").replace(/[‘’]/g, "'");
  return `"${inner}"`;
}
