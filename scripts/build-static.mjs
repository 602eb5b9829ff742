// Copies the NL Design System stylesheets (Utrecht components and their design tokens) from
// node_modules into build/static/nlds, where Django's collectstatic picks them up.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const out = join(dirname(new URL(import.meta.url).pathname), "..", "build", "static", "nlds");
mkdirSync(out, { recursive: true });

const files = {
  "components.css": "@utrecht/component-library-css/dist/index.css",
  "tokens.css": "@utrecht/design-tokens/dist/theme.css",
};
for (const [target, source] of Object.entries(files)) {
  copyFileSync(require.resolve(source), join(out, target));
}
console.log(`NL Design System stylesheets copied to ${out}`);
