/**
 * `@mentions` in a comment's text (docs/comments.md#mentions). Two forms:
 * `@name`, where the name is a letter or digit then letters, digits, `.`,
 * `_` or `-` (a trailing `.`, `_` or `-` ends the sentence, not the name),
 * and `@[any user id]` for ids with other characters (no `]`, no line
 * break). An `@` right after a letter, digit, `.`, `_` or `-` is no mention
 * (an email address). Parsed in one pass over the text; pure.
 */

/** Distinct users one comment may mention: a comment naming more is refused (400 on `text`). */
export const MAX_MENTIONS_PER_COMMENT = 10;
/** The longest user id (the same bound as an invitation's `userId`). */
export const MAX_MENTION_LENGTH = 200;

const isNameChar = (c: string): boolean => /^[\w.-]$/.test(c);
const isNameStart = (c: string): boolean => /^[a-z\d]$/i.test(c);

/**
 * The user ids mentioned in `text`, each once, in order of first mention.
 * Every one is reported, however many (the caller applies the bound).
 */
export function mentionsIn(text: string): string[] {
  const found = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf("@", i);
    if (at < 0) break;
    i = at + 1;
    if (at > 0 && isNameChar(text[at - 1]!)) continue;
    if (text[i] === "[") {
      // Looked for within the longest id only, so the whole parse stays linear in the text.
      const rel = text.slice(i + 1, i + 2 + MAX_MENTION_LENGTH).indexOf("]");
      const close = rel < 0 ? -1 : i + 1 + rel;
      const id = close < 0 ? "" : text.slice(i + 1, close);
      if (id.length > 0 && id.length <= MAX_MENTION_LENGTH && !/[\r\n]/.test(id) && id.trim() === id) {
        found.add(id);
        i = close + 1;
      }
      continue;
    }
    if (i >= text.length || !isNameStart(text[i]!)) continue;
    let end = i;
    while (end < text.length && isNameChar(text[end]!)) end++;
    i = end;
    // A trailing `.`, `_` or `-` ends the sentence, not the name.
    while (end > at + 1 && !isNameStart(text[end - 1]!)) end--;
    const name = text.slice(at + 1, end);
    if (name.length <= MAX_MENTION_LENGTH) found.add(name);
  }
  return [...found];
}

/**
 * Whom an edit (or a new comment, `before` null) newly mentions: mentioned in
 * `after` and not in `before`, never the author. Those are the ones notified.
 */
export function newlyMentioned(before: string | null, after: string, authorId: string): string[] {
  const earlier = new Set(before === null ? [] : mentionsIn(before));
  return mentionsIn(after).filter((u) => u !== authorId && !earlier.has(u));
}
