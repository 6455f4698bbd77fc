// The local callback server of the authorization-code flow: listens on 127.0.0.1, waits for one
// request to the callback path, answers it with a short page, and closes.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const PAGE =
  "<!doctype html><title>mcpwire</title><p>Authorization received. You can close this window.</p>";

/** A port free on 127.0.0.1 a moment ago. */
export async function pickPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts listening on `port` and resolves with the query of the first request to `path`.
 * Returns once listening, so the browser can be opened safely.
 */
export async function listenForCallback(
  port: number,
  path: string,
  timeoutMs: number,
): Promise<{ result: Promise<URLSearchParams> }> {
  let settle!: (v: URLSearchParams | Error) => void;
  const result = new Promise<URLSearchParams | Error>((resolve) => settle = resolve);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname !== path) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", connection: "close" }).end(
      PAGE,
    );
    settle(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const timer = setTimeout(
    () => settle(new Error(`no authorization callback within ${timeoutMs} ms`)),
    timeoutMs,
  );
  return {
    result: result.then((value) => {
      clearTimeout(timer);
      server.closeAllConnections?.();
      server.close();
      if (value instanceof Error) throw value;
      return value;
    }),
  };
}

/** Opens a URL in the user's browser; prints it when no opener is available. */
export function openInBrowser(url: URL): void {
  const [cmd, args] = process.platform === "darwin"
    ? ["open", [url.href]]
    : process.platform === "win32"
    ? ["cmd", ["/c", "start", "", url.href]]
    : ["xdg-open", [url.href]];
  console.error(`Opening the browser to authorize: ${url.href}`);
  try {
    const child = spawn(cmd, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // the URL is printed above; the user can open it by hand
  }
}
