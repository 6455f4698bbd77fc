// A form generated from a JSON Schema: strings (with formats), numbers, booleans, enums (plain,
// titled with oneOf/anyOf + const, legacy enumNames; single and multiple), arrays, nested objects,
// required fields and defaults — JSON Schema as tools use it and the elicitation subset.
import type { JSX } from "preact";
import type { Schema } from "./api.ts";

type Value = unknown;

/** One choice of an enum: the value sent and the label shown. */
export interface Choice {
  value: unknown;
  label: string;
}

/** The choices of an enum schema (`enum` + `enumNames`, or `oneOf`/`anyOf` of `const`s). */
export function choicesOf(schema: Schema | undefined): Choice[] | undefined {
  if (!schema) return undefined;
  if (schema.enum) {
    return schema.enum.map((value, i) => ({
      value,
      label: schema.enumNames?.[i] ?? String(value),
    }));
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches?.length && branches.every((b) => "const" in b)) {
    return branches.map((b) => ({ value: b.const, label: b.title ?? String(b.const) }));
  }
  return undefined;
}

/** The schema without its `null` branch (nullable `anyOf`), and its main type. */
export function resolve(schema: Schema): [Schema, string] {
  if (choicesOf(schema)) return [schema, "enum"];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const other = branches.find((b) => b.type !== "null");
    if (other) return resolve({ ...other, ...pick(schema) });
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== "null") ?? "string"
    : schema.type ?? (schema.properties ? "object" : "json");
  if (type === "array" && choicesOf(schema.items)) return [schema, "multi"];
  return [schema, type];
}

const INPUT_TYPES: Record<string, "email" | "url" | "date" | "datetime-local" | "time"> = {
  email: "email",
  uri: "url",
  url: "url",
  date: "date",
  "date-time": "datetime-local",
  time: "time",
};

function pick(schema: Schema): Schema {
  const out: Schema = {};
  if (schema.title) out.title = schema.title;
  if (schema.description) out.description = schema.description;
  if (schema.default !== undefined) out.default = schema.default;
  return out;
}

/** The initial value of a form: the defaults declared in the schema. */
export function defaultsOf(schema: Schema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    const [s, type] = resolve(prop);
    if (s.default !== undefined) out[key] = s.default;
    else if (type === "object" && schema?.required?.includes(key)) out[key] = defaultsOf(s);
  }
  return out;
}

interface FieldProps {
  name: string;
  path: string;
  schema: Schema;
  value: Value;
  required: boolean;
  onChange: (value: Value) => void;
}

function Label({ name, schema, required }: Pick<FieldProps, "name" | "schema" | "required">) {
  return (
    <span class="label">
      {schema.title ?? name}
      {required && <span class="required" title="required">*</span>}
      {schema.description && <small>{schema.description}</small>}
    </span>
  );
}

function Scalar({ path, schema, type, value, required, onChange }: FieldProps & { type: string }) {
  if (type === "boolean") {
    return (
      <input
        type="checkbox"
        name={path}
        checked={value === true}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    );
  }
  if (type === "enum") {
    const choices = choicesOf(schema) ?? [];
    // A required enum without a value starts on a placeholder the browser refuses to submit.
    return (
      <select
        name={path}
        required={required}
        value={value === undefined ? "" : String(value)}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === "" ? undefined : choices.find((c) => String(c.value) === v)?.value);
        }}
      >
        <option value="" disabled={required}>{required ? "— choose —" : "—"}</option>
        {choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>{c.label}</option>
        ))}
      </select>
    );
  }
  if (type === "multi") return <MultiSelect {...{ path, schema, value, onChange }} />;
  if (type === "number" || type === "integer") {
    return (
      <input
        type="number"
        name={path}
        step={type === "integer" ? 1 : "any"}
        min={schema.minimum}
        max={schema.maximum}
        required={required}
        value={value === undefined ? "" : String(value)}
        onInput={(e) => {
          const v = e.currentTarget.value;
          onChange(v === "" ? undefined : Number(v));
        }}
      />
    );
  }
  if (type === "json") {
    return <JsonField path={path} value={value} onChange={onChange} />;
  }
  const inputType = INPUT_TYPES[schema.format ?? ""] ?? "text" as const;
  const shown = inputType === "datetime-local" && typeof value === "string"
    ? value.slice(0, 16)
    : value;
  return (
    <input
      // Preact types each input type apart; the attributes below suit all of these.
      type={inputType as "text"}
      name={path}
      required={required}
      minLength={schema.minLength}
      maxLength={schema.maxLength}
      pattern={schema.pattern}
      title={schema.format ? `format: ${schema.format}` : undefined}
      value={shown === undefined ? "" : String(shown)}
      onInput={(e) => {
        const v = e.currentTarget.value;
        if (v === "" && !required) return onChange(undefined);
        // datetime-local gives local "YYYY-MM-DDTHH:MM"; date-time wants RFC 3339.
        onChange(inputType === "datetime-local" && v ? new Date(v).toISOString() : v);
      }}
    />
  );
}

function MultiSelect(
  { path, schema, value, onChange }: Pick<FieldProps, "path" | "schema" | "value" | "onChange">,
) {
  const choices = choicesOf(schema.items) ?? [];
  const chosen = Array.isArray(value) ? value : [];
  const count = chosen.length;
  const problem = schema.minItems !== undefined && count < schema.minItems
    ? `choose at least ${schema.minItems}`
    : schema.maxItems !== undefined && count > schema.maxItems
    ? `choose at most ${schema.maxItems}`
    : "";
  return (
    <span class="multi" data-testid={`multi-${path}`}>
      {choices.map((c, i) => (
        <label key={String(c.value)} class="choice">
          <input
            type="checkbox"
            name={`${path}[]`}
            value={String(c.value)}
            checked={chosen.includes(c.value)}
            // The browser reports the count problem on the first box when submitting.
            ref={(el) => el?.setCustomValidity(i === 0 ? problem : "")}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked
                  ? choices.map((x) => x.value).filter((v) => v === c.value || chosen.includes(v))
                  : chosen.filter((v) => v !== c.value),
              )}
          />{" "}
          {c.label}
        </label>
      ))}
    </span>
  );
}

function JsonField({ path, value, onChange }: Pick<FieldProps, "path" | "value" | "onChange">) {
  return (
    <textarea
      name={path}
      rows={3}
      placeholder="any JSON value"
      defaultValue={value === undefined ? "" : JSON.stringify(value, null, 2)}
      onInput={(e) => {
        const text = e.currentTarget.value.trim();
        try {
          onChange(text === "" ? undefined : JSON.parse(text));
          e.currentTarget.setCustomValidity("");
        } catch {
          e.currentTarget.setCustomValidity("not valid JSON");
        }
      }}
    />
  );
}

function ArrayField({ path, schema, value, onChange }: FieldProps) {
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const set = (i: number, v: Value) => onChange(items.map((x, j) => (j === i ? v : x)));
  return (
    <div class="array">
      {items.map((item, i) => (
        <div class="array-item" key={i}>
          <Field
            name={`#${i + 1}`}
            path={`${path}.${i}`}
            schema={itemSchema}
            value={item}
            required
            onChange={(v) => set(i, v)}
          />
          <button
            type="button"
            class="small"
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            remove
          </button>
        </div>
      ))}
      <button
        type="button"
        class="small"
        onClick={() =>
          onChange([
            ...items,
            resolve(itemSchema)[1] === "object" ? defaultsOf(itemSchema) : undefined,
          ])}
      >
        add item
      </button>
    </div>
  );
}

/** One field of a form, chosen by its schema. */
export function Field(props: FieldProps): JSX.Element {
  const [schema, type] = resolve(props.schema);
  if (type === "object") {
    return (
      <fieldset>
        <legend>
          <Label name={props.name} schema={schema} required={props.required} />
        </legend>
        <ObjectFields
          schema={schema}
          path={props.path}
          value={(props.value ?? {}) as Record<string, unknown>}
          onChange={props.onChange}
        />
      </fieldset>
    );
  }
  const Tag = type === "multi" ? "div" : "label";
  return (
    <Tag class={`field field-${type}`}>
      <Label name={props.name} schema={schema} required={props.required} />
      {type === "array"
        ? <ArrayField {...props} schema={schema} />
        : <Scalar {...props} schema={schema} type={type} />}
    </Tag>
  );
}

/** The fields of an object schema. */
export function ObjectFields(
  { schema, path, value, onChange }: {
    schema: Schema;
    path: string;
    value: Record<string, unknown>;
    onChange: (value: Record<string, unknown>) => void;
  },
): JSX.Element {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return <p class="muted">No arguments.</p>;
  return (
    <div class="fields">
      {entries.map(([key, prop]) => (
        <Field
          key={key}
          name={key}
          path={path ? `${path}.${key}` : key}
          schema={prop}
          value={value[key]}
          required={schema.required?.includes(key) ?? false}
          onChange={(v) => {
            const next = { ...value };
            if (v === undefined) delete next[key];
            else next[key] = v;
            onChange(next);
          }}
        />
      ))}
    </div>
  );
}
