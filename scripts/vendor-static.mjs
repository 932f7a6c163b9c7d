// Copies the parts of the npm packages the portal serves into static/vendor/,
// keeping each package's relative layout so its CSS url() references resolve.
// Only files that are used are copied: the KRDS kit also ships stylesheets whose
// image paths point at files it does not contain, which would break collectstatic.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(root, "static", "vendor");

const copies = [
  ["krds-uiux/resources/css/component/output.css", "krds/css/component/output.css"],
  ["krds-uiux/resources/css/token/krds_tokens.css", "krds/css/token/krds_tokens.css"],
  ["krds-uiux/resources/img/component/icon", "krds/img/component/icon"],
  ["krds-uiux/resources/img/component/favicon", "krds/img/component/favicon"],
  ["krds-uiux/resources/fonts", "krds/fonts"],
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
console.log(`vendored ${copies.length} front-end paths into static/vendor/`);
