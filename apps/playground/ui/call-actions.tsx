// The "copy as curl" / "copy as TypeScript" buttons of a call, with the snippet shown below.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { asCurl, asTypeScript, type Call } from "./snippets.ts";

/** Copy buttons for one call. */
export function CallActions({ call }: { call: Call }): JSX.Element {
  const [shown, setShown] = useState<string | undefined>();
  const copy = (text: string) => {
    setShown(text);
    navigator.clipboard?.writeText(text).catch(() => {});
  };
  return (
    <div class="call-actions">
      <button
        type="button"
        class="small"
        data-testid="copy-curl"
        onClick={() => copy(asCurl(call, location.origin))}
      >
        copy as curl
      </button>
      <button
        type="button"
        class="small"
        data-testid="copy-ts"
        onClick={() => copy(asTypeScript(call))}
      >
        copy as TypeScript
      </button>
      {shown && <pre class="snippet" data-testid="snippet">{shown}</pre>}
    </div>
  );
}
