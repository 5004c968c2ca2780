/**
 * Sign-in. The token lives in memory only (never in a URL, a log or web
 * storage): a reload signs in again, which the identity provider's own
 * session makes a quick redirect, and the development sign-in a form.
 */
import { publicApi } from "./api";

export type SignInConfig =
  | { mode: "dev"; tokenTtlSeconds: number }
  | { mode: "oidc"; authority: string; clientId: string; audience?: string }
  | { mode: "none" };

export interface Session {
  user: string;
  /** Started without the network from the copy kept offline: no token until the person signs in again. */
  offline?: boolean;
  token(): Promise<string>;
  signOut(): Promise<void>;
}

/** Renew this long before the token runs out. */
const MARGIN_MS = 60_000;

export function loadSignInConfig(): Promise<SignInConfig> {
  return publicApi<SignInConfig>("GET", "/session/config");
}

export async function devSignIn(user: string): Promise<Session> {
  const mint = () => publicApi<{ token: string; user: string; expiresAt: string }>("POST", "/session/dev", { user });
  let current = await mint();
  return {
    user: current.user,
    async token() {
      if (Date.parse(current.expiresAt) - Date.now() < MARGIN_MS) current = await mint();
      return current.token;
    },
    async signOut() {
      current = { ...current, token: "", expiresAt: new Date(0).toISOString() };
    },
  };
}
