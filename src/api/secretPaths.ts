/**
 * Paths that carry a secret (the calendar feed's token is its URL) as they
 * may be written to spans and logs: the secret replaced by a placeholder.
 */
const FEED = /^(\/api\/v1\/calendar\/)[^/]+/;

export const loggablePath = (path: string): string => path.replace(FEED, "$1{feed}");
