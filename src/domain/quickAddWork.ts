/**
 * The work a quick-add parse does, counted where it could grow with the text:
 * characters chrono reads, characters of the working copy built, and rule
 * parses. Tests prove the parser linear with these counts (never with a clock,
 * which a loaded machine makes meaningless); the benchmark prints times.
 */
export const quickAddWork = { chronoChars: 0, renderedChars: 0, ruleParses: 0 };

export function resetQuickAddWork(): void {
  quickAddWork.chronoChars = 0;
  quickAddWork.renderedChars = 0;
  quickAddWork.ruleParses = 0;
}
