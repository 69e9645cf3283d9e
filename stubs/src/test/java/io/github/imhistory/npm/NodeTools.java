package io.github.imhistory.npm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Node, npm and what the build made with them (test support): the packed package, the build tools in
 * stubs/npm/node_modules. Without them a test is skipped with the reason, unless {@code -Dimhistory.requireNode=true}
 * (CI) turns that into a failure.
 */
final class NodeTools {
    private NodeTools() {}

    /** stubs/npm, with the build tools the Maven build installed (npm ci). */
    static Path npmDir() {
        return Path.of(System.getProperty("imhistory.npmDir", "npm"));
    }

    /** target/npm/im-history-stubs.tgz, packed by the Maven build. */
    static Path tarball() {
        return Path.of(System.getProperty("imhistory.npmPackage", "target/npm/im-history-stubs.tgz"));
    }

    /** Skips (or, required, fails) unless node runs and the build packed the package with its tools. */
    static void require() {
        String missing = null;
        if (!runs("node", "--version")) {
            missing = "node is not on the PATH (apt-get install nodejs npm)";
        } else if (!Files.isRegularFile(tarball())) {
            missing = tarball() + " was not built (the Maven build packs it with node and npm: see its [im-history] line)";
        } else if (!Files.isDirectory(npmDir().resolve("node_modules").resolve("typescript"))) {
            missing = "the build tools are not installed in " + npmDir().resolve("node_modules") + " (npm ci)";
        }
        if (Boolean.getBoolean("imhistory.requireNode")) {
            assertThat(missing).as("imhistory.requireNode is set, but").isNull();
        }
        Assumptions.assumeTrue(missing == null, missing + "; CI requires it");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What a finished command printed (stdout and stderr) and its exit code. */
    record Result(int code, String output) {}

    /** Runs {@code command} in {@code dir} (with {@code env} added; a null value removes a variable) and waits. */
    static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                b.environment().remove(k);
            } else {
                b.environment().put(k, v);
            }
        });
        Path log = Files.createTempFile("im-history-node", ".log");
        Process p = b.redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            kill(p);
            throw new AssertionError(String.join(" ", command) + " did not finish within 180 s:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), out);
    }

    /** Stops a process and whatever it started (npx starts node, which starts java). */
    static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        p.destroy();
        p.waitFor(15, TimeUnit.SECONDS);
        for (ProcessHandle h : all) {
            h.destroy();
        }
        for (ProcessHandle h : all) {
            h.onExit().completeOnTimeout(h, 15, TimeUnit.SECONDS).join();
            h.destroyForcibly();
        }
        p.destroyForcibly();
    }

    /** The node executable's absolute path. */
    static String nodePath() throws IOException, InterruptedException {
        return run(Path.of("."), Map.of(), "node", "-p", "process.execPath").output().trim();
    }
}
