// Copies the NL Design System stylesheets (Utrecht components and their design tokens), htmx and
// Chart.js from node_modules into build/static, where Django's collectstatic picks them up.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

const repo = join(dirname(new URL(import.meta.url).pathname), "..");
const root = join(repo, "build", "static");

// htmx makes the in-page actions (a progress note, a measure's status, the minutes of one agenda
// item) that keep the user's place; every such action also works as a plain form post.
// Chart.js draws the charts of management information (U6), served from our own origin so the
// Content-Security-Policy (script-src 'self') holds.
const files = {
  "nlds/components.css": "@utrecht/component-library-css/dist/index.css",
  "nlds/tokens.css": "@utrecht/design-tokens/dist/theme.css",
  "vendor/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
  "vendor/htmx.min.js": "htmx.org/dist/htmx.min.js",
};
for (const [target, source] of Object.entries(files)) {
  mkdirSync(dirname(join(root, target)), { recursive: true });
  copyFileSync(join(repo, "node_modules", source), join(root, target));
}
console.log(`Front-end files copied to ${root}`);
