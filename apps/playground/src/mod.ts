/**
 * The mcpwire playground and CLI — see this app's README.md.
 *
 * @module
 */
export {};
