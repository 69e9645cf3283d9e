package io.github.imhistory.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone jar as a separate process, as a frontend developer runs it (test support). Its output goes to a
 * file rather than a pipe: the JDK closes a process pipe under a concurrent reader when the process exits, which
 * would lose the last lines (the shutdown message).
 */
final class StandaloneProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    final Process process;
    private final Path log;

    private StandaloneProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        String jar = System.getProperty("imhistory.standaloneJar");
        if (jar == null) {
            throw new IllegalStateException("run with failsafe: imhistory.standaloneJar names the jar under test");
        }
        return Path.of(jar);
    }

    static StandaloneProcess start(String... args) throws IOException {
        // every finding made in its rule's home, as in the project's other tests (contract.check.Findings)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dimhistory.checkHomes=true", "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("im-history-standalone", ".log");
        return new StandaloneProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** Waits for the banner's last line; fails with the process's output if it never comes. */
    String awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!outputText().contains("Stop: Ctrl+C") && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the stub exited with " + process.exitValue() + ":\n" + outputText());
            }
            Thread.sleep(20);
        }
        Matcher m = LISTENING.matcher(outputText());
        if (!m.find()) {
            throw new AssertionError("no banner after 30 s:\n" + outputText());
        }
        return m.group(1);
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the stub did not exit within 30 s:\n" + outputText());
        }
        return process.exitValue();
    }

    String outputText() {
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
