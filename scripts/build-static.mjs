// Copies the NL Design System stylesheets (Utrecht components and their design tokens), htmx and
// Chart.js from node_modules into build/static, where Django's collectstatic picks them up.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

// A file that names its source map (`//# sourceMappingURL=x.map`, `/*# sourceMappingURL=x.map */`)
// gets the map beside it; a map the package does not ship is named no more. The production
// storage (ManifestStaticFilesStorage) rewrites that reference to the map's hashed name and
// refuses to collect a file whose map is missing (tests/config/test_static_build.py).
const SOURCE_MAP = /^[ \t]*(?:\/\/|\/\*)[#@] sourceMappingURL=(\S+?)[ \t]*(?:\*\/)?[ \t]*$/gm;

function copyWithMap(source, target) {
  const text = readFileSync(source, "utf8");
  let missing = false;
  for (const [, url] of text.matchAll(SOURCE_MAP)) {
    if (url.startsWith("data:")) continue; // an inline map: nothing to copy
    const map = join(dirname(source), url);
    if (existsSync(map)) {
      mkdirSync(dirname(join(dirname(target), url)), { recursive: true });
      copyFileSync(map, join(dirname(target), url));
    } else {
      missing = true;
    }
  }
  if (missing) {
    const kept = text.replace(SOURCE_MAP, (line, url) =>
      url.startsWith("data:") || existsSync(join(dirname(source), url)) ? line : "",
    );
    writeFileSync(target, kept);
  } else {
    copyFileSync(source, target);
  }
}

for (const [target, source] of Object.entries(files)) {
  mkdirSync(dirname(join(root, target)), { recursive: true });
  copyWithMap(join(repo, "node_modules", source), join(root, target));
}
console.log(`Front-end files copied to ${root}`);
