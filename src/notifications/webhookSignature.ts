/**
 * Webhook signatures (docs/webhooks.md):
 * `Tickler-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is inside what is signed, so a receiver that refuses a `t`
 * more than 5 minutes from its clock cannot be fed a captured delivery again
 * later: changing `t` breaks the HMAC. Each attempt (retries too) is signed
 * at its own time; receivers deduplicate on X-Tickler-Delivery, not on `t`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Tickler-Signature";
/** How far a receiver should let `t` be from its own clock, either way. */
export const SIGNATURE_TOLERANCE_S = 300;
/** The header is read up to this length: a handful of v1 entries (secret rotation), never more. */
const MAX_HEADER_LENGTH = 1024;

const hmac = (secret: string, t: number, body: string) => createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

/** The header value for `body` sent at `at`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

export type SignatureCheck = { ok: true; t: number } | { ok: false; reason: "malformed" | "mismatch" | "outside tolerance" };

/**
 * What a receiver does (the Node snippet in docs/webhooks.md is this): the
 * HMAC of "t.body" must equal one of the v1 values, compared in constant
 * time, and t must be within the tolerance of `now`.
 */
export function verifyWebhook(secret: string, header: string | undefined, body: string, now: Date, toleranceS = SIGNATURE_TOLERANCE_S): SignatureCheck {
  if (!header || header.length > MAX_HEADER_LENGTH) return { ok: false, reason: "malformed" };
  const pairs = header.split(",").map((p) => p.trim().split("="));
  const ts = pairs.filter(([k]) => k === "t").map(([, v]) => v ?? "");
  const v1 = pairs.filter(([k, v]) => k === "v1" && /^[0-9a-f]{64}$/.test(v ?? "")).map(([, v]) => Buffer.from(v!, "hex"));
  if (ts.length !== 1 || !/^\d{1,12}$/.test(ts[0]!) || v1.length === 0) return { ok: false, reason: "malformed" };
  const t = Number(ts[0]);
  const expected = Buffer.from(hmac(secret, t, body), "hex");
  if (!v1.some((given) => timingSafeEqual(given, expected))) return { ok: false, reason: "mismatch" };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceS) return { ok: false, reason: "outside tolerance" };
  return { ok: true, t };
}
