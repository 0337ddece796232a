/** A citation's check as Markdown for a hover: the verdict, the differences, the passage in its context. All text is escaped. */
import { escapeMarkdown } from '../markdown';
import { offsetToPosition } from '../text';
import type { DiffOp } from './diff';
import type { CitationCheck, Finding } from './types';

const bold = (s: string) => (s.trim() ? `**${escapeMarkdown(s.trim())}**` : '');

/** The verdict line(s): ✓ matches the source, ⚠ differs (with what differs), ✗ not found (with why). */
export function verdictMarkdown(c: CitationCheck): string {
  const lines: string[] = [];
  const moved = c.findings.find((f) => f.kind === 'moved');
  switch (c.status) {
    case 'ok':
    case 'moved':
      lines.push(c.claim?.kind === 'quote' ? '✓ The quote matches the source' : '✓ Matches the source');
      if (moved && c.located && c.document) {
        const line = offsetToPosition(c.document.lineStarts, c.located.start).line + 1;
        lines.push(`↪ The passage has moved to line ${line}; the link still says ${escapeMarkdown(moved.actual ?? '')} (a quick fix updates it)`);
      }
      if (c.located?.match === 'fuzzy') lines.push('The source has changed since it was cited: the passage was found by approximate match');
      break;
    case 'differs':
      lines.push('⚠ Differs from the source');
      for (const f of c.findings) if (f.kind === 'altered-quote' || f.kind === 'figure-mismatch') lines.push(findingMarkdown(f));
      break;
    case 'not-found': {
      const f = c.findings.find((x) => x.severity === 'error') ?? c.findings[0];
      lines.push(`✗ Not found${f ? `: ${escapeMarkdown(withoutLabel(f.message))}` : ''}`);
      break;
    }
    case 'unchecked':
      lines.push(c.located ? 'Not checked: the citation gives no words to compare (no quote, no link title)' : 'Not checked');
      break;
  }
  for (const f of c.findings) if (f.kind === 'not-a-source' && c.status !== 'not-found') lines.push(`⚠ ${escapeMarkdown(withoutLabel(f.message))}`);
  return lines.join('  \n');
}

function withoutLabel(message: string): string {
  return message.replace(/^\[\^[^\]]+\]:?\s*/, '');
}

/** One finding about the claim, with the word-level differences for an altered quote. */
export function findingMarkdown(f: Finding): string {
  if (f.kind === 'figure-mismatch') {
    return f.expected
      ? `“${escapeMarkdown(f.actual ?? '')}” in the briefing; the source says ${bold(f.expected)}`
      : `“${escapeMarkdown(f.actual ?? '')}” is not in the cited passage`;
  }
  if (f.diff) return `Source: ${diffSide(f.diff, 'source')}  \nBriefing: ${diffSide(f.diff, 'quote')}`;
  return `${escapeMarkdown(withoutLabel(f.message))}${f.expected ? `  \nSource: “${escapeMarkdown(f.expected)}”` : ''}`;
}

/** One side of a word diff, the words that differ in bold; an ellipsis shows what it stands for on the source side. */
export function diffSide(ops: readonly DiffOp[], side: 'source' | 'quote'): string {
  const parts: string[] = [];
  for (const op of ops) {
    const words = side === 'source' ? op.source : op.quote;
    if (op.type === 'equal') parts.push(escapeMarkdown(words ?? ''));
    else if (op.type === 'omitted') parts.push(side === 'quote' ? escapeMarkdown(op.quote ?? '…') : `_${escapeMarkdown(op.source || '…')}_`);
    else if (words) parts.push(bold(words));
  }
  return parts.filter(Boolean).join(' ');
}

/** The passage in bold, between the sentences before and after it, as a blockquote. */
export function passageMarkdown(passage: string, context?: { before?: string; after?: string }, max = 1200): string {
  const cut = (s: string) => (s.length > max ? s.slice(0, max) + '…' : s);
  const quote = (s: string, strong: boolean) =>
    cut(s)
      .split(/\r?\n/)
      .map((line) => '> ' + (strong ? bold(line) : escapeMarkdown(line)))
      .join('\n');
  const blocks: string[] = [];
  if (context?.before) blocks.push(quote(context.before, false));
  blocks.push(quote(passage, true));
  if (context?.after) blocks.push(quote(context.after, false));
  return blocks.join('\n>\n');
}
