// A text input that asks the server for completions while the person types.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { sendJson, serverPath } from "./api.ts";

/** A text input with server-side completions (completion/complete). */
export function CompletionInput(
  { server, refValue, name, value, context, required, onChange }: {
    server: string;
    refValue: Record<string, unknown>;
    name: string;
    value: string;
    context: Record<string, string>;
    required?: boolean;
    onChange: (value: string) => void;
  },
): JSX.Element {
  const [values, setValues] = useState<string[]>([]);
  const id = `complete-${name}`;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      sendJson<{ completion: { values: string[] } }>(serverPath(server, "/complete"), {
        ref: refValue,
        argument: { name, value },
        context: { arguments: context },
      }).then((r) => live && setValues(r.completion.values ?? []), () => live && setValues([]));
    }, 120);
    return () => (live = false, clearTimeout(timer));
  }, [server, name, value]);
  return (
    <>
      <input
        type="text"
        name={name}
        list={id}
        value={value}
        required={required}
        autocomplete="off"
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <datalist id={id} data-testid={id}>
        {values.map((v) => <option key={v} value={v} />)}
      </datalist>
    </>
  );
}
