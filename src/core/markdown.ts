/** Rendering corpus text safely inside Markdown (hovers, completion documentation). */

/** Escape text so that Markdown renders it literally: no links, emphasis, HTML or commands. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => '\\' + c);
}

/** A blockquote of escaped text; each line prefixed with `> `. */
export function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => '> ' + escapeMarkdown(line))
    .join('\n');
}

/** A `command:` link with JSON arguments, for trusted Markdown. */
export function commandLink(label: string, command: string, args: unknown): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}
