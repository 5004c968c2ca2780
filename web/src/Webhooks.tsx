/** Webhook settings: register a URL (the app makes the signing secret and shows it once), list, delete. */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";

interface Webhook {
  id: string;
  url: string;
  createdAt: string;
}

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function WebhookSettings() {
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [url, setUrl] = useState("");
  const [error, setError] = useState("");
  const [shown, setShown] = useState<{ url: string; secret: string } | null>(null);
  const reload = () => api<{ items: Webhook[] }>("GET", "/webhooks").then((r) => setHooks(r.items), () => setHooks([]));
  useEffect(() => void reload(), []);

  async function register(e: Event) {
    e.preventDefault();
    setError("");
    const secret = newSecret();
    try {
      await api("POST", "/webhooks", { url: url.trim(), secret });
      setShown({ url: url.trim(), secret });
      setUrl("");
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors("url")[0] ?? err.message) : String(err));
    }
  }

  return (
    <section aria-labelledby="webhooks-heading">
      <h3 id="webhooks-heading">Webhooks</h3>
      <form class="inline" onSubmit={register}>
        <label for="webhook-url" class="sr-only">Webhook URL</label>
        <input id="webhook-url" type="url" placeholder="https://example.com/hook" value={url} onInput={(e) => setUrl(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined} aria-describedby={error ? "webhook-error" : undefined} />
        <button type="submit">Register</button>
      </form>
      {error && <p id="webhook-error" class="field-error">{error}</p>}
      {shown && (
        <p class="banner info" role="status">
          Signing secret for {shown.url} (shown only now, copy it): <code>{shown.secret}</code>
        </p>
      )}
      <ul class="inbox">
        {hooks.map((h) => (
          <li key={h.id}>
            {h.url}{" "}
            <button type="button" aria-label={`Delete webhook ${h.url}`} onClick={() => void api("DELETE", `/webhooks/${h.id}`).then(reload)}>Delete</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
