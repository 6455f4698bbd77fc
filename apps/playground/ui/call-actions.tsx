// The "copy as curl" / "copy as TypeScript" buttons of a call, with the snippet shown below.
import { createContext, type JSX } from "preact";
import { useContext, useState } from "preact/hooks";
import { asCurl, asTypeScript, type Call, type SnippetSources } from "./snippets.ts";

/** How snippets reach the servers, as the playground said in its hello. */
export const Snippets = createContext<SnippetSources>({});

/** Copy buttons for one call. */
export function CallActions({ call }: { call: Call }): JSX.Element {
  const [shown, setShown] = useState<string | undefined>();
  const sources = useContext(Snippets);
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
        onClick={() => copy(asTypeScript(call, sources))}
      >
        copy as TypeScript
      </button>
      {shown && <pre class="snippet" data-testid="snippet">{shown}</pre>}
    </div>
  );
}
