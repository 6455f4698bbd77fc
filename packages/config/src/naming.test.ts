import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MAX_NAME_LENGTH, prefixName, prefixUri, shortenName, splitName, splitUri } from "./mod.ts";

describe("prefixName()", () => {
  it("joins server and name with the separator", () => {
    assert.equal(prefixName("weather", "get_forecast"), "weather_get_forecast");
    assert.equal(prefixName("my-server.v2", "echo", "__"), "my-server.v2__echo");
  });

  it("shortens names over 64 characters with a stable hash suffix", () => {
    const long = prefixName(
      "a-very-long-server-name-for-testing",
      "and_an_even_longer_tool_name_that_overflows",
    );
    assert.equal(long.length, MAX_NAME_LENGTH);
    assert.match(long, /^a-very-long-server-name-for-testing_and_an_even_longer__[0-9a-f]{8}$/);
    assert.equal(
      long,
      prefixName(
        "a-very-long-server-name-for-testing",
        "and_an_even_longer_tool_name_that_overflows",
      ),
    );
    const other = prefixName(
      "a-very-long-server-name-for-testing",
      "and_an_even_longer_tool_name_that_overflowz",
    );
    assert.notEqual(long, other, "names that differ only at the end stay distinct");
    assert.equal(shortenName("x".repeat(64)), "x".repeat(64));
    assert.equal(shortenName("x".repeat(65)).length, 64);
  });
});

describe("prefixUri()", () => {
  it("puts the server after the scheme (FastMCP's rule)", () => {
    assert.equal(prefixUri("weather", "weather://icons/sunny"), "weather://weather/icons/sunny");
    assert.equal(
      prefixUri("assistant", "resource://templates/list"),
      "resource://assistant/templates/list",
    );
    assert.equal(
      prefixUri("weather", "weather://{city}/current"),
      "weather://weather/{city}/current",
    );
    assert.equal(prefixUri("docs", "file:///etc/hosts"), "file://docs//etc/hosts");
    assert.equal(prefixUri("docs", "urn:isbn:123"), "urn:isbn:123");
  });
});

describe("splitName() and splitUri()", () => {
  it("route back to the longest matching server", () => {
    const servers = ["a", "a_b", "weather"];
    assert.deepEqual(splitName("a_b_tool", servers), { server: "a_b", name: "tool" });
    assert.deepEqual(splitName("a_tool", servers), { server: "a", name: "tool" });
    assert.deepEqual(splitName("weather.echo", servers, "."), { server: "weather", name: "echo" });
    assert.equal(splitName("unknown_tool", servers), undefined);
  });

  it("undo prefixUri()", () => {
    const servers = ["docs", "weather"];
    for (const uri of ["weather://icons/sunny", "file:///etc/hosts", "x://docs/y"]) {
      for (const server of servers) {
        assert.deepEqual(splitUri(prefixUri(server, uri), servers), { server, uri });
      }
    }
    assert.equal(splitUri("weather://other/x", servers), undefined);
    assert.equal(splitUri("urn:x", servers), undefined);
  });
});
