#!/usr/bin/env node
// The `tickler-mcp` command: runs src/mcp/stdio.ts through tsx, as the apps run.
import { tsImport } from "tsx/esm/api";

await tsImport("../src/mcp/stdio.ts", import.meta.url);
