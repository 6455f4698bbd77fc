// Opening a resource from anywhere on the page (a resource link in a result, a prompt message):
// the page switches to the Resources tab and reads it.
import { createContext } from "preact";

/** Opens `uri` of the current server in the Resources tab. */
export const OpenResource = createContext<(uri: string) => void>(() => {});
