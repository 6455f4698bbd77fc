/**
 * Which server issued each task id a config's router has seen. Two servers may issue the same id,
 * so an id maps to the set of servers that issued it.
 *
 * @module
 */

/** How many ids are remembered; older ones are found again by asking each server. */
const MAX_IDS = 1000;

/** Task ids seen through one router, by the servers that issued them. */
export class TaskRoutes {
  readonly #servers = new Map<string, Set<string>>();

  /** Notes that `server` issued `taskId`. */
  record(server: string, taskId: string): void {
    const servers = this.#servers.get(taskId) ?? new Set();
    this.#servers.delete(taskId); // re-inserted last: the most recently seen ids stay
    this.#servers.set(taskId, servers.add(server));
    if (this.#servers.size > MAX_IDS) {
      this.#servers.delete(this.#servers.keys().next().value as string);
    }
  }

  /** The servers known to have issued `taskId` (empty when it was not seen). */
  servers(taskId: string): string[] {
    return [...this.#servers.get(taskId) ?? []];
  }
}
