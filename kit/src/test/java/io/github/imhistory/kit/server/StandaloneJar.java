package io.github.imhistory.kit.server;

import io.github.imhistory.kit.gate.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stubs' standalone jar (built by the stubs module before the kit's tests run) as its own process, with every
 * finding required in its rule's home (test support).
 */
public final class StandaloneJar implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s,]+)");
    private final JarProcess process;

    private StandaloneJar(JarProcess process) {
        this.process = process;
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
        List<String> command = new ArrayList<>(List.of("java", "-Dimhistory.checkHomes=true", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new StandaloneJar(JarProcess.start(Path.of("."), command));
    }

    /** The base URL once the banner is out; fails with the output if it never comes. */
    public String awaitListening() throws InterruptedException {
        process.awaitOutput("Stop: Ctrl+C");
        Matcher m = LISTENING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("a banner without its address:\n" + output());
        }
        return m.group(1);
    }

    public String output() {
        return process.output();
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
