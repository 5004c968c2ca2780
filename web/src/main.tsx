import { render } from "preact";
import "./styles.css";
import { Root } from "./Root";

render(<Root />, document.getElementById("app")!);

// The app shell for offline starts (scripts/webShell.ts); the app works without it.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
