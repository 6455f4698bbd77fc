// A call's time limit typed in milliseconds (the Tools tab's timeout and max boxes).
import type { JSX } from "preact";

/** A time limit typed in a box: a positive number of milliseconds, or none. */
const msOf = (text: string) => (text && Number(text) > 0 ? Number(text) : undefined);

/** A call's time limit in milliseconds: empty (or not positive) is none. */
export function MsInput(
  { label, title, testId, placeholder, value, onChange }: {
    label: string;
    title: string;
    testId: string;
    placeholder: string;
    value: number | undefined;
    onChange: (ms: number | undefined) => void;
  },
): JSX.Element {
  return (
    <label class="toggle task-toggle" title={title}>
      {label}{" "}
      <input
        type="number"
        min={1}
        step={1}
        class="timeout"
        data-testid={testId}
        placeholder={placeholder}
        value={value ?? ""}
        onInput={(e) => onChange(msOf(e.currentTarget.value))}
      />{" "}
      ms
    </label>
  );
}
