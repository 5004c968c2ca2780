/**
 * Paths that carry a secret (the calendar feed's token is its URL, and so is
 * an email's one-click action link) as they may be written to spans and
 * logs: the secret replaced by a placeholder.
 */
const FEED = /^(\/api\/v1\/calendar\/)[^/]+/;
const ACTION = /^(\/api\/v1\/actions\/)[^/]+/;

export const loggablePath = (path: string): string => path.replace(FEED, "$1{feed}").replace(ACTION, "$1{link}");
