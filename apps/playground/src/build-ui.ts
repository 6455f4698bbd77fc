// `npm run build:ui`: bundles the web UI into dist/ui/ (the playground also does it on start).
import { buildAssets, OUT_DIR } from "./_assets.ts";

await buildAssets();
console.log(`built the playground UI into ${OUT_DIR}`);
