#!/usr/bin/env node
// The `tickler-mcp` command: runs src/api/mcp/stdio.ts through tsx, as the apps run.
import { tsImport } from "tsx/esm/api";

await tsImport("../src/api/mcp/stdio.ts", import.meta.url);
