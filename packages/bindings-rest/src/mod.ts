/**
 * @mcpwire/bindings-rest — see this package's README.md for what it will hold.
 *
 * @module
 */
export {};
