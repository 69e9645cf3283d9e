// Builds the npm package from the Maven build's outputs (run by the Maven build through stubs/src/build/NpmPackage.java):
//   node scripts/build.mjs --openapi <openapi.json> --jar <standalone jar> --version <version> --out <dir>
// 1. TypeScript types for every request and answer, generated from the OpenAPI document by openapi-typescript
//    (never written by hand), plus one named alias per schema (AdminGetroammsgRequest, StubVerdict, ...);
// 2. the client compiled by tsc in strict mode, with declarations;
// 3. the package staged (manifest, bin, dist, jar, openapi.json) and packed with `npm pack` to <out>/im-history-stubs.tgz.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const name of ["openapi", "jar", "version", "out"]) {
  if (!args[name]) throw new Error(`missing --${name}`);
}
const out = path.resolve(args.out);
const work = path.join(out, "work");
const stage = path.join(out, "package");
rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(work, "src", "generated"), { recursive: true });

// 1. types
const document = JSON.parse(readFileSync(args.openapi, "utf8"));
const header = "// Generated from the im-history OpenAPI document (itself generated from schemas/) by openapi-typescript; do not edit.\n";
const ast = await openapiTS(pathToFileURL(path.resolve(args.openapi)));
writeFileSync(path.join(work, "src", "generated", "openapi.ts"), header + astToString(ast));
const names = Object.keys(document.components.schemas).sort();
writeFileSync(path.join(work, "src", "generated", "names.ts"), header + 'import type { components } from "./openapi";\n\n'
  + names.map((n) => `export type ${n} = components["schemas"]["${n}"];\n`).join(""));

// 2. compile
cpSync(path.join(here, "src"), path.join(work, "src"), { recursive: true });
const tsconfig = JSON.parse(readFileSync(path.join(here, "tsconfig.json"), "utf8"));
tsconfig.compilerOptions.outDir = path.join(stage, "dist");
tsconfig.compilerOptions.rootDir = path.join(work, "src");
tsconfig.compilerOptions.typeRoots = [path.join(here, "node_modules", "@types")];
tsconfig.include = [path.join(work, "src", "**", "*.ts")];
writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
execFileSync(process.execPath, [path.join(here, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(work, "tsconfig.json")], { stdio: "inherit" });

// 3. stage and pack
const manifest = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));
manifest.version = args.version;
delete manifest.scripts;
delete manifest.devDependencies;
writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
cpSync(path.join(here, "README.md"), path.join(stage, "README.md"));
cpSync(path.join(here, "bin"), path.join(stage, "bin"), { recursive: true });
mkdirSync(path.join(stage, "jar"));
cpSync(args.jar, path.join(stage, "jar", "im-history-stubs-standalone.jar"));
cpSync(args.openapi, path.join(stage, "openapi.json"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
execFileSync(npm, ["pack", "--pack-destination", out, "--loglevel=error"], { cwd: stage, stdio: ["ignore", "ignore", "inherit"] });
const packed = readdirSync(out).find((f) => f.endsWith(".tgz"));
renameSync(path.join(out, packed), path.join(out, "im-history-stubs.tgz"));
