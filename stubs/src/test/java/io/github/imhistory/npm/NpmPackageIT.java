package io.github.imhistory.npm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.contract.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm package as a frontend developer gets it: the packed tarball installed offline into an empty npm project,
 * {@code npx im-history-stubs --port 0} serving, and a TypeScript test compiled by tsc in strict mode and run by Node's
 * own test runner; the README's TypeScript snippet compiled and run the same way; a wrong field name in a typed
 * request fails {@code tsc --noEmit}; without Java the command says how to get it.
 */
class NpmPackageIT {
    static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    @TempDir
    static Path project;

    @BeforeAll
    static void installThePackedTarballOffline() throws Exception {
        NodeTools.require();
        NodeTools.Result init = NodeTools.run(project, Map.of(), "npm", "init", "-y");
        assertThat(init.code()).as(init.output()).isZero();
        NodeTools.Result install = NodeTools.run(project, Map.of(), "npm", "install", "--offline", "--no-audit", "--no-fund",
                NodeTools.tarball().toAbsolutePath().toString());
        assertThat(install.code()).as(install.output()).isZero();
        Files.copy(testSource("walk.test.ts"), project.resolve("walk.test.ts"));
        List<String> snippets = ReadmeQuickStartIT.blocks("ts");
        assertThat(snippets).as("the README's TypeScript snippet").hasSize(1);
        Files.writeString(project.resolve("readme.test.ts"), snippets.get(0));
        // tsc and Node's types come from the build's tools (stubs/npm/node_modules), not from the network
        Files.writeString(project.resolve("tsconfig.json"), """
                {
                  "compilerOptions": {
                    "target": "ES2022", "lib": ["ES2022"], "module": "commonjs", "moduleResolution": "node10",
                    "strict": true, "noUncheckedIndexedAccess": true, "esModuleInterop": true, "outDir": "dist",
                    "skipLibCheck": true, "typeRoots": [%s], "types": ["node"]
                  },
                  "include": ["*.ts"]
                }
                """.formatted(io.github.imhistory.contract.Json.WIRE.writeValueAsString(
                        NodeTools.npmDir().toAbsolutePath().resolve("node_modules/@types").toString())));
        // both tests, strictly, in one go (tsc is the slow part)
        NodeTools.Result compiled = NodeTools.run(project, Map.of(), "node", tsc(), "-p", ".");
        assertThat(compiled.code()).as(compiled.output()).isZero();
    }

    static String tsc() {
        return NodeTools.npmDir().toAbsolutePath().resolve("node_modules/typescript/bin/tsc").toString();
    }

    static Path testSource(String name) {
        return Path.of(System.getProperty("imhistory.npmDir", "npm")).toAbsolutePath().getParent().resolve("src/test/npm").resolve(name);
    }

    @Test
    void aStrictTypeScriptTestPagesAConversationAgainstNpxAndTheVerdictPasses() throws Exception {
        Path log = Files.createTempFile("im-history-npx", ".log");
        Process npx = new ProcessBuilder("npx", "im-history-stubs", "--port", "0").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = awaitListening(npx, log);
            NodeTools.Result run = NodeTools.run(project, Map.of("STUB_URL", base), "node", "--test", "dist/walk.test.js");
            assertThat(run.code()).as(run.output()).isZero();
            assertThat(run.output()).contains("# pass 1", "# fail 0");
        } finally {
            NodeTools.kill(npx);
            Files.deleteIfExists(log);
        }
    }

    /** The README's snippet: startStub() starts the packed stub itself, a typed walk, the admin client's verdict. */
    @Test
    void theReadmeTypeScriptSnippetCompilesStrictlyAndPasses() throws Exception {
        NodeTools.Result run = NodeTools.run(project, Map.of(), "node", "--test", "dist/readme.test.js");
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("# pass 1", "# fail 0");
    }

    /** npm hands SIGTERM to a shell that does not pass it on; the stub still stops when npx is killed. */
    @Test
    void killingNpxStopsTheStub() throws Exception {
        Path log = Files.createTempFile("im-history-npx", ".log");
        Process npx = new ProcessBuilder("npx", "im-history-stubs", "--port", "0").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<ProcessHandle> started = List.of();
        try {
            awaitListening(npx, log);
            started = npx.descendants().toList();
            assertThat(started).as("npx starts node, which starts java").isNotEmpty();
            npx.destroy(); // SIGTERM to npm exec only
            for (ProcessHandle h : started) {
                assertThat(h.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join())
                        .as("%s stopped within 30 s of npx", h.info().command().orElse("pid " + h.pid())).isNotNull();
            }
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("im-history stubs stopped");
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
            NodeTools.kill(npx);
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aWrongFieldNameInATypedRequestFailsTsc() throws Exception {
        Path dir = Files.createDirectories(project.resolve("wrong"));
        Files.copy(testSource("wrong-field.ts"), dir.resolve("wrong-field.ts"));
        Files.writeString(dir.resolve("tsconfig.json"), "{\"extends\": \"../tsconfig.json\", \"include\": [\"*.ts\"]}");
        NodeTools.Result r = NodeTools.run(dir, Map.of(), "node", tsc(), "--noEmit", "-p", ".");
        System.out.println("tsc --noEmit on wrong-field.ts (exit " + r.code() + "):\n" + r.output());
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("wrong-field.ts", "From_Acount", "error TS");
    }

    @Test
    void withoutJavaOnThePathTheCommandSaysHowToGetIt() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", project.resolve("no-java-here").toString());
        env.put("JAVA_HOME", null);
        NodeTools.Result r = NodeTools.run(project, env, NodeTools.nodePath(),
                "node_modules/im-history-stubs/bin/im-history-stubs.js", "--port", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("needs Java 17 or newer", "found no `java` on the PATH",
                "apt-get install openjdk-17-jre-headless", "brew install openjdk@17", "JAVA_HOME");
    }

    @Test
    void thePackageExportsATypeForEveryRequestAndAnswerAndTheAdminClient() throws IOException {
        Path pkg = project.resolve("node_modules/im-history-stubs");
        String names = Files.readString(pkg.resolve("dist/generated/names.d.ts"), StandardCharsets.UTF_8);
        for (Api api : Api.values()) {
            String type = Pattern.compile("(^|_)([a-z])").matcher(api.command())
                    .replaceAll(m -> m.group(2).toUpperCase());
            assertThat(names).contains("export type " + type + "Request ", "export type " + type + "Response ");
        }
        assertThat(names).contains("export type ErrorResponse ", "export type QueryParams ", "export type Scenario ",
                "export type StubVerdict ", "export type StubTenant ", "export type StubScenarioHolds ", "export type StubRequests ");
        String index = Files.readString(pkg.resolve("dist/index.d.ts"), StandardCharsets.UTF_8);
        assertThat(index).contains("AdminClient", "startStub", "historyQuery");
        assertThat(pkg.resolve("jar/im-history-stubs-standalone.jar")).isRegularFile();
        assertThat(pkg.resolve("openapi.json")).isRegularFile();
        String npmReadme = Files.readString(pkg.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(npmReadme).as("the package's README shows the snippet the project's README runs")
                .contains("```ts\n" + ReadmeQuickStartIT.blocks("ts").get(0) + "\n```");
    }

    static String awaitListening(Process p, Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = LISTENING.matcher(out);
            if (m.find() && out.contains("Stop: Ctrl+C")) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                throw new AssertionError("npx im-history-stubs exited with " + p.exitValue() + ":\n" + out);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("npx im-history-stubs did not listen within 60 s:\n" + Files.readString(log));
    }
}
