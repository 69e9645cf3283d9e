package io.github.imhistory.npm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's quick starts for non-Java users run as written: every shell block of "Quick start: frontend developers",
 * "Quick start: clients not written in Java" and "Quick start: check a live endpoint" is run by bash in a scratch
 * directory that links the repository's top-level entries (so files a block writes stay out of the clone), exactly as in
 * the README except that each port it names is replaced by a free one, and must succeed (the background stubs it
 * starts are stopped afterwards with its process group). Build blocks ({@code mvn ...}) are what this test runs inside
 * of, so they are not run again; a block that needs your live endpoint and key ({@code $IM_SECRET_KEY}) is skipped, and so
 * is a gate block (the kit's GateIT and ProbeIT run those as written).
 * The TypeScript snippet is compiled and run by {@link NpmPackageIT}.
 */
class ReadmeQuickStartIT {
    static final List<String> SECTIONS = List.of("## Quick start: frontend developers", "## Quick start: clients not written in Java",
            "## Quick start: check a live endpoint");
    static final Pattern PORT = Pattern.compile("--port (\\d+)");

    static Path repoRoot() {
        return Path.of(System.getProperty("imhistory.standaloneJar")).toAbsolutePath().getParent().getParent().getParent();
    }

    /** The fenced blocks of one language in the quick-start sections, in order. */
    static List<String> blocks(String language) throws IOException {
        String readme = Files.readString(repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String heading : SECTIONS) {
            int start = readme.indexOf("\n" + heading);
            assertThat(start).as("README section " + heading).isPositive();
            int end = readme.indexOf("\n## ", start + 1);
            Matcher m = Pattern.compile("(?s)\n```" + language + "\n(.*?)\n```").matcher(readme.substring(start, end < 0 ? readme.length() : end));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyShellBlockRunsAsWritten() throws IOException {
        List<String> blocks = blocks("bash");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.lines().filter(l -> !l.startsWith("#")).findFirst()
                .orElse(block).replaceAll("\\s+#.*", ""), () -> run(block)));
    }

    static void run(String block) throws Exception {
        boolean build = block.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).allMatch(l -> l.startsWith("mvn "));
        Assumptions.assumeFalse(build, "a build block: this test runs inside the build it makes");
        if (block.contains("npx ") || block.contains("npm ")) {
            NodeTools.require();
        }
        if (block.contains("python3 ")) {
            requirePython();
        }
        Assumptions.assumeFalse(block.contains("$IM_SECRET_KEY"), "needs your live endpoint and its key");
        Assumptions.assumeFalse(block.contains("im-history-kit-gate.jar"),
                "a gate block: the kit's GateIT and ProbeIT run these as written, after the kit is packaged");
        Matcher port = PORT.matcher(block);
        String script = block;
        boolean any = false;
        while (port.find()) {
            any = true;
            int free;
            try (ServerSocket s = new ServerSocket(0)) {
                free = s.getLocalPort();
            }
            script = script.replaceAll("\\b" + port.group(1) + "\\b", Integer.toString(free));
        }
        assertThat(any).as("a block that starts a stub names its port:\n" + block).isTrue();
        Path log = Files.createTempFile("im-history-readme", ".log");
        Path dir = scratch();
        // its own session, so that the stub it leaves running in the background can be stopped with its group
        Process p = new ProcessBuilder("setsid", "-w", "bash", "-e", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long group = p.pid();
        try {
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(done).as("the block finished within 180 s:\n" + script + "\n" + out).isTrue();
            assertThat(p.exitValue()).as("exit code of\n" + script + "\n--- output:\n" + out).isZero();
            if (script.contains("/v4/")) {
                assertThat(out).as(out).contains("\"ActionStatus\":\"OK\"");
            }
            if (script.contains("/drift")) {
                assertThat(out).as(out).contains("NO DRIFT", "client: PASSED");
            }
            if (script.contains("walk.py")) {
                assertThat(out).as(out).contains("FAILED", "C2C-CONT-001");
            }
        } finally {
            stopGroup(group);
            Files.deleteIfExists(log);
            deleteTree(dir);
        }
    }

    /** A scratch directory whose top-level entries link to the repository's, as the README's relative paths expect. */
    static Path scratch() throws IOException {
        Path dir = Files.createTempDirectory("im-history-readme");
        try (Stream<Path> top = Files.list(repoRoot())) {
            for (Path entry : top.filter(e -> !e.getFileName().toString().startsWith(".")).toList()) {
                Files.createSymbolicLink(dir.resolve(entry.getFileName()), entry);
            }
        }
        return dir;
    }

    /** Deletes what a block wrote, never following the links into the repository. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Stops every process of the block's session (the stub in the background, npx and its children). */
    static void stopGroup(long group) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", "--", "-" + group).redirectErrorStream(true).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && alive(group)) {
            Thread.sleep(100);
        }
        if (alive(group)) {
            new ProcessBuilder("kill", "-KILL", "--", "-" + group).redirectErrorStream(true).start().waitFor();
        }
    }

    private static boolean alive(long group) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-g", Long.toString(group)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    static void requirePython() {
        boolean present;
        try {
            present = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (Boolean.getBoolean("imhistory.requirePython")) {
            assertThat(present).as("imhistory.requirePython is set but python3 is missing").isTrue();
        }
        Assumptions.assumeTrue(present, "python3 is not installed (apt-get install python3); CI requires it");
    }
}
