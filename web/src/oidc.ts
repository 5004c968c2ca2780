/**
 * OpenID Connect authorization code flow with PKCE (oidc-client-ts). Loaded
 * only in OIDC mode, so the development build's first load stays small.
 * Tokens are kept in an in-memory store; sessionStorage holds only the
 * short-lived PKCE verifier and state between the redirect and the callback.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { Session } from "./auth";

function managerFor(authority: string, clientId: string): UserManager {
  return new UserManager({
    authority,
    client_id: clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: "code",
    scope: "openid profile",
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** The session after the identity provider sent the person back here, else null. */
export async function oidcSession(authority: string, clientId: string): Promise<Session | null> {
  const manager = managerFor(authority, clientId);
  const params = new URLSearchParams(location.search);
  if (params.has("code") && params.has("state")) {
    const user = await manager.signinRedirectCallback();
    // Put back the view the person was on, without the code in the address bar.
    const back = typeof user.state === "string" && user.state.startsWith("?") ? user.state : "";
    history.replaceState(null, "", `/${back}`);
    return {
      user: user.profile.preferred_username ?? user.profile.name ?? user.profile.sub,
      async token() {
        const current = await manager.getUser();
        if (!current || current.expired) {
          await manager.signinRedirect({ state: location.search });
          throw new Error("signing in again");
        }
        return current.access_token;
      },
      async signOut() {
        await manager.removeUser();
        await manager.signoutRedirect().catch(() => undefined);
      },
    };
  }
  return null;
}

export async function startOidcSignIn(authority: string, clientId: string): Promise<void> {
  await managerFor(authority, clientId).signinRedirect({ state: location.search });
}
