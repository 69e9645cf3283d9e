#!/usr/bin/env node
// npx im-history-stubs [flags]: runs the bundled standalone jar with the same flags (java -jar ... --help lists them).
// It needs Java 17 or newer: `java` on the PATH, else $JAVA_HOME/bin/java; without one it says how to get it.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const MINIMUM = 17;
const jar = path.join(__dirname, "..", "jar", "im-history-stubs-standalone.jar");

/** The major version `command -version` reports (1.8 is 8), or null when it does not run. */
function javaVersion(command) {
  const r = spawnSync(command, ["-version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return 0;
  return Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
}

function findJava() {
  const candidates = ["java"];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, "bin", "java"));
  const seen = [];
  for (const command of candidates) {
    const version = javaVersion(command);
    if (version !== null && version >= MINIMUM) return { command };
    if (version !== null) seen.push(`${command} is Java ${version || "of an unknown version"}`);
  }
  return { seen };
}

const java = findJava();
if (!java.command) {
  process.stderr.write(
    `im-history-stubs runs a Java stub server and needs Java ${MINIMUM} or newer, but ` +
      (java.seen.length ? `found only older ones (${java.seen.join("; ")}).\n` : "found no `java` on the PATH.\n") +
      `Install a Java ${MINIMUM}+ runtime, then run this again, for example:\n` +
      `  Debian, Ubuntu:  sudo apt-get install openjdk-17-jre-headless\n` +
      `  Fedora, RHEL:    sudo dnf install java-17-openjdk-headless\n` +
      `  macOS:           brew install openjdk@17\n` +
      `  Windows:         winget install EclipseAdoptium.Temurin.17.JRE\n` +
      `  any system:      https://adoptium.net/temurin/releases/?version=17\n` +
      `Put its bin folder on the PATH, or set JAVA_HOME to it.\n`);
  process.exit(1);
}

const child = spawn(java.command, ["-jar", jar, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal)); // the stub stops cleanly on either
}
// When whatever started this goes away without passing the signal on (npx stopped with kill: npm hands SIGTERM to a
// shell that does not forward it; a test runner killed outright), stop the stub too rather than leave it running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill("SIGTERM");
}, 500).unref();
child.on("error", (e) => {
  process.stderr.write(`im-history-stubs: cannot run ${java.command}: ${e.message}\n`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code !== null ? code : signal === "SIGINT" ? 130 : 143));
