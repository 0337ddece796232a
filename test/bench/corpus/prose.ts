// Text cleaning for the benchmark corpus: markup stripped, English prose kept, code and tables dropped.
import { Parser } from 'htmlparser2';

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'may more must no not of on one or our she should so such than that the their them then there these they this those ' +
    'to was we were what when where which while who will with would you your all also any each only other some used use'
  ).split(' '),
);

/** Whether a paragraph (whitespace already collapsed) reads as English prose rather than code, a table or a label. */
export function isProse(p: string): boolean {
  if (p.length < 30 || p.length > 4000) return false;
  if (!/^["“‘(]?[A-Za-z0-9]/.test(p)) return false;
  const words = p.split(' ');
  if (words.length < 5) return false;
  let letters = 0;
  let symbols = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if ('{}[]<>=;|\\$#@^~_*'.includes(p[i])) symbols++;
  }
  if (letters / p.length < 0.7 || symbols / p.length > 0.015) return false;
  let stop = 0;
  let codey = 0;
  for (const w of words) {
    if (STOP_WORDS.has(w.toLowerCase().replace(/[^a-z]/g, ''))) stop++;
    if (/[a-z][A-Z]|\w[.:/]\w|\(\)|^-{1,2}\w|\w_\w/.test(w)) codey++;
  }
  return stop / words.length >= 0.22 && codey / words.length <= 0.12;
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'dd', 'dt', 'td', 'th', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section',
  'article', 'br', 'ul', 'ol', 'dl', 'caption', 'figcaption', 'title', 'desc', 'item', 'note', 'example', 'list',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'pre', 'head', 'nav', 'header', 'footer', 'svg', 'math', 'screen', 'code-block', 'textarea', 'select', 'button']);

/** The paragraphs of an HTML or XML (Mallard, DocBook) page: block elements' text, without scripts, code blocks and navigation. */
export function htmlParagraphs(html: string): string[] {
  const out: string[] = [];
  let current = '';
  let skip = 0;
  const stack: boolean[] = [];
  const flush = () => {
    const t = collapse(current);
    if (t) out.push(t);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const skipped = SKIPPED_TAGS.has(name) || /\b(navigation|sphinxsidebar|related|footer|header|toc|breadcrumb|sourceCode|highlight)\b/i.test(attrs.class ?? '');
        stack.push(skipped);
        if (skipped) skip++;
        if (BLOCK_TAGS.has(name)) flush();
      },
      ontext(text) {
        if (skip === 0) current += text;
      },
      onclosetag(name) {
        if (stack.pop()) skip--;
        if (BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return out;
}

/** Plain-text paragraphs (blank-line separated; wrapped lines joined). */
export function textParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(collapse)
    .filter(Boolean);
}

/** Perl POD: commands and verbatim (indented) blocks dropped, formatting codes reduced to their text. */
export function podParagraphs(pod: string): string[] {
  const out: string[] = [];
  for (const para of pod.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    if (/^=/.test(para) || /^[ \t]/.test(para)) continue;
    let t = para;
    // Innermost codes first, until none is left: L<text|link> keeps the text, E<gt> the character.
    for (let i = 0; i < 5 && /[A-Z]<[^<>]*>/.test(t); i++) {
      t = t
        .replace(/E<(\w+)>/g, (_, e: string) => ({ gt: '>', lt: '<', verbar: '|', sol: '/', quot: '"' })[e] ?? '')
        .replace(/L<([^<>|]*)\|[^<>]*>/g, '$1')
        .replace(/[A-Z]<<+\s+(.*?)\s+>>+/g, '$1')
        .replace(/[A-Z]<([^<>]*)>/g, '$1');
    }
    out.push(collapse(t));
  }
  return out;
}

/** A dictd database (dictzip is gzip): entries' definition paragraphs, pronunciations and source tags removed. */
export function dictParagraphs(text: string): string[] {
  return textParagraphs(
    text
      .replace(/\\[^\\\n]{1,60}\\/g, '')
      .replace(/\[(?:1913 Webster|Webster 1913 Suppl\.|PJC|WordNet 1\.5|JARGON|DEVIL)[^\]]*\]/g, '')
      .replace(/[{}]/g, ''),
  );
}

/** GNU info: node headers and menus dropped; the rest is text. */
export function infoParagraphs(text: string): string[] {
  const separator = String.fromCharCode(0x1f);
  return textParagraphs(text.split(separator).join('\n\n').replace(/^File: [^\n]*$/gm, '').replace(/^\* [^\n]*::[^\n]*$/gm, ''));
}

/** fortune(6) files: one paragraph per fortune. */
export function fortuneParagraphs(text: string): string[] {
  return text
    .split(/^%$/m)
    .map((f) => collapse(f.replace(/^\s*--.*$/gm, '')))
    .filter(Boolean);
}

/** WordNet data files: each synset's gloss. */
export function wordnetParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('  ')) continue; // licence header
    const bar = line.indexOf(' | ');
    if (bar < 0) continue;
    const gloss = line.slice(bar + 3).trim();
    // "close interaction; "they kept in daily contact"" → the definition and each example as their own lines.
    const parts = gloss.split(/;\s*(?=")/).map((s) => s.replace(/^"|"$/g, '').trim());
    for (const part of parts) if (part) out.push(part.charAt(0).toUpperCase() + part.slice(1) + (/[.!?]$/.test(part) ? '' : '.'));
  }
  return out;
}

/** Brown corpus files ("The/at jury/nn said/vbd ./."): tags removed, tokens joined as written text. */
export function brownParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const sentences: string[] = [];
    for (const line of para.split('\n')) {
      const tokens = line.trim().split(/\s+/).filter(Boolean);
      if (!tokens.length) continue;
      let s = '';
      let noSpace = true;
      for (const tok of tokens) {
        const slash = tok.lastIndexOf('/');
        let w = slash > 0 ? tok.slice(0, slash) : tok;
        if (w === '``') w = '“';
        else if (w === "''") w = '”';
        else if (w === '.' && s.endsWith('.')) continue;
        const attach = /^([.,;:?!)\]”]|'s?$|n't$)/.test(w);
        s += noSpace || attach ? w : ' ' + w;
        noSpace = w === '“' || w === '(' || w === '[';
      }
      sentences.push(s);
    }
    if (sentences.length) out.push(sentences.join(' '));
  }
  return out;
}
