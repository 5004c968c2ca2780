/** Finds out how to sign in, signs the person in, then shows the app. */
import { useEffect, useState } from "preact/hooks";
import { setTokenSource } from "./api";
import { App } from "./App";
import { loadSignInConfig, type Session, type SignInConfig } from "./auth";
import { clearOffline, isNetworkError, keptUser, setOfflineOwner } from "./offline";
import { SignIn } from "./SignIn";

export function Root() {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await loadSignInConfig();
        if (loaded.mode === "oidc") {
          const { oidcSession } = await import("./oidc");
          const back = await oidcSession(loaded.authority, loaded.clientId);
          if (back) start(back);
        }
        setConfig(loaded);
      } catch (err) {
        // Offline with tasks kept from the last visit: open them read-only (changes queue) until the network is back.
        const user = isNetworkError(err) ? await keptUser() : null;
        if (user) start({ user, offline: true, token: () => Promise.reject(new TypeError("offline")), signOut: clearOffline });
        else setError(`Could not reach Tickler: ${(err as Error).message}`);
      }
    })();
  }, []);

  function start(next: Session) {
    setOfflineOwner(next.user);
    setTokenSource(() => next.token(), () => setSession(null));
    setSession(next);
  }

  async function signOut() {
    await session?.signOut();
    setOfflineOwner(null);
    await clearOffline().catch(() => {});
    setTokenSource(null);
    setSession(null);
  }

  if (session) return <App session={session} onSignOut={signOut} />;
  if (error) return <main class="center"><p role="alert">{error}</p></main>;
  if (!config) return <main class="center"><p aria-busy="true">Loading…</p></main>;
  if (!session) return <SignIn config={config} onSignedIn={start} />;
  return <App session={session} onSignOut={signOut} />;
}
