// A form generated from a JSON Schema: strings, numbers, booleans, enums, arrays, nested objects,
// required fields and defaults.
import type { JSX } from "preact";
import type { Schema } from "./api.ts";

type Value = unknown;

/** The schema without its `null` branch (nullable `anyOf`), and its main type. */
export function resolve(schema: Schema): [Schema, string] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const other = branches.find((b) => b.type !== "null");
    if (other) return resolve({ ...other, ...pick(schema) });
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== "null") ?? "string"
    : schema.type ?? (schema.properties ? "object" : schema.enum ? "enum" : "json");
  return [schema, schema.enum ? "enum" : type];
}

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
    return (
      <select
        name={path}
        value={value === undefined ? "" : String(value)}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === "" ? undefined : schema.enum?.find((x) => String(x) === v));
        }}
      >
        {!required && <option value="">—</option>}
        {schema.enum?.map((x) => <option key={String(x)} value={String(x)}>{String(x)}</option>)}
      </select>
    );
  }
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
  return (
    <input
      type="text"
      name={path}
      required={required}
      value={value === undefined ? "" : String(value)}
      onInput={(e) =>
        onChange(e.currentTarget.value === "" && !required ? undefined : e.currentTarget.value)}
    />
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
  return (
    <label class={`field field-${type}`}>
      <Label name={props.name} schema={schema} required={props.required} />
      {type === "array"
        ? <ArrayField {...props} schema={schema} />
        : <Scalar {...props} schema={schema} type={type} />}
    </label>
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
