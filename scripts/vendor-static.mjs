// Copies the parts of the npm packages the portal serves into static/vendor/,
// keeping each package's relative layout so its CSS url() references resolve.
// Only files that are used are copied: the KRDS kit also ships stylesheets whose
// image paths point at files it does not contain, which would break collectstatic.
import { cpSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(root, "static", "vendor");

const copies = [
  ["krds-uiux/resources/img/component/icon", "krds/img/component/icon"],
  ["krds-uiux/resources/img/component/favicon", "krds/img/component/favicon"],
  // Whole (common-Hangul) fonts for the PDFs WeasyPrint prints; pages use the split ones below.
  ["krds-uiux/resources/fonts/PretendardGOV-Regular.subset.woff", "krds/fonts/PretendardGOV-Regular.subset.woff"],
  ["krds-uiux/resources/fonts/PretendardGOV-Bold.subset.woff", "krds/fonts/PretendardGOV-Bold.subset.woff"],
  ["krds-uiux/resources/js/component/ui-script.js", "krds/js/ui-script.js"],
  ["chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"],
  ["chart.js/dist/chart.umd.min.js.map", "chartjs/chart.umd.min.js.map"],
  ["sortablejs/Sortable.min.js", "sortablejs/Sortable.min.js"],
];

rmSync(target, { recursive: true, force: true });
for (const [from, to] of copies) {
  const source = join(modules, from);
  if (!existsSync(source)) {
    console.error(`missing ${from}: run npm ci first`);
    process.exit(1);
  }
  mkdirSync(dirname(join(target, to)), { recursive: true });
  cpSync(source, join(target, to), { recursive: true });
}

// KRDS's component stylesheet holds every component of the kit (about 590 KB); the portal keeps the
// rules whose selectors match a class or element its templates, scripts and form widgets use.
const [purged] = await new PurgeCSS().purge({
  css: [join(modules, "krds-uiux/resources/css/component/output.css")],
  content: [
    join(root, "templates/**/*.html"),
    join(root, "static/js/**/*.js"),
    join(root, "{council,members,meetings,plans}/**/*.py"),
  ],
  // Kept whatever the content says: state classes that scripts and htmx set, and the elements that
  // Django's own form widget templates write (they are not among the portal's files).
  safelist: {
    standard: [/^is-/, /^active$/, /^htmx-/, /^on$/, "textarea", "select", "option", "optgroup", "input", "label"],
  },
  fontFace: false,
  variables: false,
});
// KRDS's two stylesheets, written so that the browser keeps them parsed from one page to the next:
// Blink reuses a parsed stylesheet only if it imports none and does not start with an @charset rule
// (the portal serves them as UTF-8 whatever the rule says). Otherwise both were parsed again on
// every page, and the imported tokens were requested only once the component stylesheet had
// arrived: the pages link the tokens themselves, before it.
const charsetRule = /^\s*@charset "utf-8";\r?\n/i;
const tokensImport = /^@import "\.\.\/\.\.\/css\/token\/krds_tokens\.css";\r?\n/;
const asLinked = (css, name, ...rules) => {
  for (const rule of rules) {
    if (!rule.test(css)) {
      console.error(`${name} no longer starts as scripts/vendor-static.mjs expects (${rule}): see there`);
      process.exit(1);
    }
    css = css.replace(rule, "");
  }
  return css;
};
mkdirSync(join(target, "krds/css/token"), { recursive: true });
writeFileSync(
  join(target, "krds/css/token/krds_tokens.css"),
  asLinked(
    readFileSync(join(modules, "krds-uiux/resources/css/token/krds_tokens.css"), "utf8"),
    "KRDS's krds_tokens.css",
    charsetRule,
  ),
);
mkdirSync(join(target, "krds/css/component"), { recursive: true });
writeFileSync(
  join(target, "krds/css/component/output.css"),
  asLinked(purged.css, "KRDS's output.css", charsetRule, tokensImport),
);

// Pretendard GOV split by unicode-range ("dynamic subset"): a page fetches only the files of the
// glyphs it shows. Two weights: KRDS's 500 falls back to 400 and 600 to 700 by CSS font matching.
// Each chunk's two weights are written next to each other, so compression finds the repeated ranges.
// Chunks of Chinese characters (한자) only are left out: the portal's text is Hangul and Latin, and the
// rare 한자 draws in the system's CJK font, while their 56 declarations were 10 KB of every first visit.
const isHanja = ([start, end]) =>
  (start >= 0x3400 && end <= 0x4dbf) || (start >= 0x4e00 && end <= 0x9fff) || (start >= 0xf900 && end <= 0xfaff);
const rangesOf = (range) =>
  range.split(",").map((part) => {
    const [start, end] = part.trim().slice(2).split("-");
    return [parseInt(start, 16), parseInt(end ?? start, 16)];
  });
const fontSource = join(modules, "pretendard-gov/dist/web/static");
const weights = [["Regular", 400], ["Bold", 700]];
const faces = weights.map(([name]) =>
  [...readFileSync(join(fontSource, `PretendardGOV-${name}.css`), "utf8").matchAll(/@font-face\s*{([^}]*)}/g)].map(
    (match) => match[1],
  ),
);
const declarations = [];
mkdirSync(join(target, "pretendard-gov/woff2"), { recursive: true });
for (let chunk = 0; chunk < faces[0].length; chunk += 1) {
  if (rangesOf(faces[0][chunk].match(/unicode-range:([^;]+);/)[1]).every(isHanja)) continue;
  weights.forEach(([name, weight], index) => {
    const body = faces[index][chunk];
    const file = body.match(/url\(\.\/woff2-dynamic-subset\/([^)]+\.woff2)\)/)[1];
    const range = body.match(/unicode-range:([^;]+);/)[1].trim();
    cpSync(join(fontSource, "woff2-dynamic-subset", file), join(target, "pretendard-gov/woff2", file));
    declarations.push(
      `@font-face{font-family:"Pretendard GOV";font-style:normal;font-display:swap;font-weight:${weight};` +
        `src:url(woff2/${file}) format("woff2");unicode-range:${range}}`,
    );
  });
}
writeFileSync(
  join(target, "pretendard-gov/pretendard-gov.css"),
  "/* Pretendard GOV (SIL Open Font License 1.1), from the npm package pretendard-gov. */\n" + declarations.join("\n") + "\n",
);

console.log(`vendored ${copies.length} front-end paths, the purged KRDS styles and Pretendard GOV into static/vendor/`);
