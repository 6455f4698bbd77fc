// `node --import ./_trace-hook.mjs …`: records every module URL the process loads into $TRACE_FILE,
// so cold-start.ts can tell what a library's import pulls in eagerly.
import { register } from "node:module";

register(new URL("./_trace-resolve.mjs", import.meta.url), {
  data: { file: process.env.TRACE_FILE },
});
