package io.github.imhistory.kit.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A jar run as its own process, as a user runs it (test support for the *IT classes, which failsafe runs after
 * packaging). Output goes to a file, not a pipe, so that nothing is lost when the process exits.
 */
public final class JarProcess implements AutoCloseable {
    final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The jar failsafe names in {@code property} (imhistory.gateJar, imhistory.standaloneJar). */
    static Path jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException("run with failsafe: " + property + " names the jar under test");
        }
        return Path.of(jar).toAbsolutePath().normalize();
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("imhistory.repoRoot", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code command} (its first word {@code java} is this JVM's java) in {@code dir}.
     */
    public static JarProcess start(Path dir, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(command);
        if (full.get(0).equals("java")) {
            full.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        Path log = Files.createTempFile("im-history-process", ".log");
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        return new JarProcess(p, log);
    }

    /** Waits for {@code text} in the output; fails with the output if the process exits or 60 s pass first. */
    public void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the process exited with " + process.exitValue() + " before printing \"" + text
                        + "\":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" after 60 s:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not exit within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        Files.deleteIfExists(log);
    }
}
