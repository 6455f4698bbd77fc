/** The start of the line requirement() writes to stderr when it skips: `<marker> <name>: <reason>`. */
export declare const SKIP_MARKER: "[mcpwire-testing] missing";
