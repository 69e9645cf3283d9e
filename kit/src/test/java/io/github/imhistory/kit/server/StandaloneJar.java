package io.github.imhistory.kit.server;

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
 * The stubs' standalone jar (built by the stubs module before the kit's tests run) as its own process, with every
 * finding required in its rule's home (test support).
 */
public final class StandaloneJar implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s,]+)");
    private final Process process;
    private final Path log;

    private StandaloneJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("imhistory.repoRoot", ".."), "stubs", "target",
                "im-history-stubs-standalone.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the stubs module first (mvn -pl stubs,kit verify)");
        }
        return jar;
    }

    public static StandaloneJar start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dimhistory.checkHomes=true", "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("im-history-standalone", ".log");
        return new StandaloneJar(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }

    /** The base URL once the banner is out; fails with the output if it never comes. */
    public String awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output().contains("Stop: Ctrl+C") && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the standalone exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(20);
        }
        Matcher m = LISTENING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no banner after 60 s:\n" + output());
        }
        return m.group(1);
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
