/**
 * Process entry point for every role (ROLE=api|notifications|audit), as
 * deployed: no test hooks.
 */
// First: the OpenTelemetry SDK registers its context manager and propagator
// before any other module is evaluated.
import "./telemetry/sdk.js";
import { startApp } from "./app.js";

startApp().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
