// Renders what servers send back: text, images, audio, embedded resources and links.
import type { JSX } from "preact";
import { useContext } from "preact/hooks";
import type { Content } from "./api.ts";
import { OpenResource } from "./open-resource.ts";

/** Pretty JSON. */
export function Json({ value }: { value: unknown }): JSX.Element {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** A data: URL for base64 content. */
export function dataUrl(mimeType: string | undefined, base64: string): string {
  return `data:${mimeType ?? "application/octet-stream"};base64,${base64}`;
}

function ResourceLink({ uri, label }: { uri: string; label?: string }) {
  const open = useContext(OpenResource);
  return (
    <button
      type="button"
      class="link"
      data-testid="resource-link"
      title="open in Resources"
      onClick={() => open(uri)}
    >
      {uri}
      {label ? ` · ${label}` : ""}
    </button>
  );
}

/** One content block. */
export function ContentBlock({ block }: { block: Content }): JSX.Element {
  return (
    <div class="block">
      <BlockBody block={block} />
      {block.annotations && (
        <small class="muted annotations" data-testid="content-annotations">
          annotations: {JSON.stringify(block.annotations)}
        </small>
      )}
    </div>
  );
}

function BlockBody({ block }: { block: Content }): JSX.Element {
  switch (block.type) {
    case "text":
      return <pre class="text">{block.text}</pre>;
    case "image":
      return (
        <img class="image" alt="image content" src={dataUrl(block.mimeType, block.data ?? "")} />
      );
    case "audio":
      return <audio controls src={dataUrl(block.mimeType, block.data ?? "")} />;
    case "resource_link":
      return (
        <p>
          link: <ResourceLink uri={block.uri ?? ""} label={block.name} />
          {block.description && <small class="muted">{block.description}</small>}
        </p>
      );
    case "resource":
      return (
        <div class="embedded">
          <ResourceLink uri={block.resource?.uri ?? ""} />
          {block.resource?.text !== undefined
            ? <pre class="text">{block.resource.text}</pre>
            : <Json value={block.resource} />}
        </div>
      );
    default:
      return <Json value={block} />;
  }
}

/** A list of content blocks. */
export function ContentList({ content }: { content: Content[] }): JSX.Element {
  return <div class="content">{content.map((b, i) => <ContentBlock key={i} block={b} />)}</div>;
}
