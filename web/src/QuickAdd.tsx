/**
 * Quick add: one line of text. While typing, a debounced dry run of
 * POST /tasks/quick answers the spans the server recognised (date, time,
 * recurrence, priority, tags, reminders), highlighted in place; the app never
 * reads dates itself. A recognised span can be kept as text, which quotes it
 * (the API leaves quoted words alone). Enter creates, with an Idempotency-Key
 * so a retry never makes two.
 */
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { PRIORITY_META } from "./priority";
import { formatInstant, USER_ZONE } from "./time";
import type { ParsedSpan, Priority, QuickDraft } from "./types";

const DEBOUNCE_MS = 150;
/** The API's limit on the text (docs/api-limits.md). */
const MAX_TEXT = 1000;

type Preview = { text: string; draft: (QuickDraft & { parsed: ParsedSpan[] }) | null; error: string };

const FIELD_LABEL: Record<ParsedSpan["field"], string> = { dueAt: "Due", recurrence: "Repeats", tags: "Tag", priority: "Priority", reminders: "Reminder" };

export interface QuickAddProps {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Creates the task from the text (the caller picks the route and list); resolves when it is stored. */
  onCreate(text: string, idempotencyKey: string): Promise<unknown>;
}

export function QuickAdd(props: QuickAddProps) {
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<Preview>({ text: "", draft: null, error: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const mirror = useRef<HTMLDivElement>(null);
  const key = useRef(crypto.randomUUID());

  useEffect(() => {
    if (!text.trim()) {
      setPreview({ text, draft: null, error: "" });
      return;
    }
    // A newer keystroke aborts the request still under way: only the answer for the text shown is used.
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api<QuickDraft & { parsed: ParsedSpan[] }>("POST", "/tasks/quick?dryRun=true", { text, timeZone: USER_ZONE }, {}, abort.signal).then(
        (draft) => setPreview({ text, draft, error: "" }),
        (err: Error) => { if (!abort.signal.aborted) setPreview({ text, draft: null, error: err instanceof ApiError ? err.message : "" }); },
      );
    }, DEBOUNCE_MS);
    return () => { clearTimeout(timer); abort.abort(); };
  }, [text]);

  const current = preview.text === text ? preview : null;
  const spans = [...(current?.draft?.parsed ?? [])].sort((a, b) => a.start - b.start);

  function keepAsText(span: ParsedSpan) {
    setText(`${text.slice(0, span.start)}“${text.slice(span.start, span.end)}”${text.slice(span.end)}`);
    props.inputRef.current?.focus();
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError("");
    try {
      await props.onCreate(text, key.current);
      key.current = crypto.randomUUID();
      setText("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const syncScroll = () => { if (mirror.current && props.inputRef.current) mirror.current.scrollLeft = props.inputRef.current.scrollLeft; };
  useEffect(syncScroll);

  return (
    <form class="quick" onSubmit={submit} aria-label="Quick add">
      <label for="quick-input" class="sr-only">Add a task: title, date, time, repeat, !priority, #tags</label>
      <div class="quick-field">
        <div class="quick-mirror" aria-hidden="true" ref={mirror}>{highlighted(text, spans)}</div>
        <input id="quick-input" ref={props.inputRef} value={text} maxLength={MAX_TEXT} autoComplete="off" spellcheck={false}
          placeholder="Add a task: Pay rent tomorrow 5pm #home !high   ( q )" aria-keyshortcuts="q"
          aria-describedby="quick-parsed" aria-invalid={error ? "true" : undefined}
          onInput={(e) => setText(e.currentTarget.value)} onScroll={syncScroll} onKeyUp={syncScroll}
          onKeyDown={(e) => { if (e.key === "Escape") { setText(""); e.currentTarget.blur(); } }} />
      </div>
      <button type="submit" class="primary" disabled={busy || !text.trim()}>Add</button>
      <div id="quick-parsed" class="quick-parsed" aria-live="polite">
        {error && <p class="field-error" role="alert">{error}</p>}
        {current?.error && <p class="muted">{current.error}</p>}
        {spans.length > 0 && (
          <ul class="chips" aria-label="Recognised">
            {spans.map((s) => (
              <li key={`${s.start}-${s.field}`} class={`parsed f-${s.field}`}>
                <span>{FIELD_LABEL[s.field]}: {describe(s, current!.draft!)}</span>
                <button type="button" class="icon" onClick={() => keepAsText(s)} aria-label={`Keep “${s.text}” as text`} title="Keep as text">×</button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}

/** The text with the recognised spans wrapped in marks (spans never overlap). */
function highlighted(text: string, spans: ParsedSpan[]) {
  const out: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > text.length) continue;
    out.push(text.slice(at, s.start), <mark key={s.start} class={`f-${s.field}`}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

/** What a span became, in the server's own values. */
function describe(span: ParsedSpan, draft: QuickDraft): string {
  switch (span.field) {
    case "dueAt": return draft.dueAt ? formatInstant(draft.dueAt) : span.text;
    case "recurrence": return draft.recurrence?.text ?? span.text;
    case "priority": return PRIORITY_META[draft.priority as Priority].label;
    case "tags": return span.text;
    default: return span.text;
  }
}
