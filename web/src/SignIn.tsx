import { useState } from "preact/hooks";
import { ApiError } from "./api";
import { devSignIn, type Session, type SignInConfig } from "./auth";

export function SignIn(props: { config: SignInConfig; onSignedIn(session: Session): void }) {
  const [user, setUser] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submitDev(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      props.onSignedIn(await devSignIn(user.trim()));
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors("user")[0] ?? err.message) : "Sign-in failed");
      setBusy(false);
    }
  }

  async function startOidc() {
    if (props.config.mode !== "oidc") return;
    setBusy(true);
    const { startOidcSignIn } = await import("./oidc");
    await startOidcSignIn(props.config.authority, props.config.clientId).catch(() => {
      setError("Could not reach the identity provider");
      setBusy(false);
    });
  }

  return (
    <main class="center signin">
      <h1>Tickler</h1>
      {props.config.mode === "dev" && (
        <form onSubmit={submitDev} aria-describedby="dev-note">
          <p id="dev-note" class="muted">Development sign-in: type any user name. Tokens last 15 minutes and stay in this tab's memory.</p>
          <label for="signin-user">User name</label>
          <input id="signin-user" name="user" autoComplete="username" required maxLength={64} value={user}
            onInput={(e) => setUser(e.currentTarget.value)} aria-invalid={error ? "true" : undefined} aria-describedby={error ? "signin-error" : undefined} />
          {error && <p id="signin-error" class="field-error">{error}</p>}
          <button type="submit" class="primary" disabled={busy}>Sign in</button>
        </form>
      )}
      {props.config.mode === "oidc" && (
        <div>
          <button type="button" class="primary" onClick={startOidc} disabled={busy}>Sign in with your organisation</button>
          {error && <p role="alert" class="field-error">{error}</p>}
        </div>
      )}
      {props.config.mode === "none" && <p role="alert">Sign-in is not configured on this server (set AUTH_ISSUER and AUTH_CLIENT_ID).</p>}
    </main>
  );
}
