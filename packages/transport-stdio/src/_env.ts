/**
 * The environment a server process starts with.
 *
 * @module
 */
import process from "node:process";

const POSIX_KEYS = [
  "HOME",
  "LOGNAME",
  "PATH",
  "SHELL",
  "TERM",
  "USER",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TMPDIR",
  "TEMP",
  "TMP",
  "TZ",
  "XDG_RUNTIME_DIR",
];
const WINDOWS_KEYS = [
  "APPDATA",
  "COMSPEC",
  "HOMEDRIVE",
  "HOMEPATH",
  "LOCALAPPDATA",
  "PATH",
  "PATHEXT",
  "PROCESSOR_ARCHITECTURE",
  "PROGRAMDATA",
  "PROGRAMFILES",
  "PROGRAMFILES(X86)",
  "PROGRAMW6432",
  "SYSTEMDRIVE",
  "SYSTEMROOT",
  "TEMP",
  "TMP",
  "USERNAME",
  "USERPROFILE",
  "WINDIR",
];

/** The variables passed to a server by default, for this platform. */
export const DEFAULT_ENV_KEYS: readonly string[] = process.platform === "win32"
  ? WINDOWS_KEYS
  : POSIX_KEYS;

/**
 * Builds a server's environment: the safe default set (or the whole caller's environment with
 * `inheritEnv`), then `env` on top.
 */
export function serverEnvironment(
  env: Readonly<Record<string, string>> | undefined,
  inheritEnv: boolean,
): Record<string, string> {
  const base: Record<string, string> = {};
  if (inheritEnv) {
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined) base[key] = value;
    }
  } else {
    for (const key of DEFAULT_ENV_KEYS) {
      const value = process.env[key];
      // Exported shell functions ("() { …") are not values a server should see.
      if (value !== undefined && !value.startsWith("()")) base[key] = value;
    }
  }
  return env ? Object.assign(base, env) : base;
}
