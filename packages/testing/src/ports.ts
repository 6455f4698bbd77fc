/** Free loopback ports. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A port that was free a moment ago on 127.0.0.1. Another test may take it before it is used:
 * servers started on it should retry on a new one when they exit before listening.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
