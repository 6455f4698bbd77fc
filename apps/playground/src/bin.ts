// Runs the CLI with the process's arguments and exits with its code.
import process from "node:process";
import { main } from "./cli.ts";

process.exit(await main(process.argv.slice(2)));
