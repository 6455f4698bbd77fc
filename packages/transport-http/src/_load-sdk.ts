// The one door to the SDK's run-time code (see _sdk-runtime.ts): a dynamic import, taken only when
// a feature needs it (OAuth, a failed era probe, a message the hand-written check leaves to the
// SDK). Importing this package for a plain URL loads neither the SDK client nor zod.

/** What `_sdk-runtime.ts` exports. */
export type SdkRuntime = typeof import("./_sdk-runtime.ts");
let sdk: Promise<SdkRuntime> | undefined;

/** The SDK functions this package uses, loaded on first need. */
export function loadSdk(): Promise<SdkRuntime> {
  return sdk ??= import("./_sdk-runtime.ts");
}
