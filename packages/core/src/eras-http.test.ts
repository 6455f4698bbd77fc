// The protocol-era matrix over real loopback Streamable HTTP (see ../test/era-matrix.ts).
import { eraMatrix } from "../test/era-matrix.ts";

eraMatrix("http");
