package io.github.imhistory.kit.gate;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate jar's main class. A gate run is short and executes a lot of code once: in a JVM with default settings the
 * optimising compiler (C2) then costs more CPU than the run itself (measured: 8.3 s of CPU against 3.7 s with the
 * quick compiler alone, on two cores shared with the server under test). So for {@code server} and {@code probe} runs the launcher
 * starts the gate again in a JVM tuned for short runs ({@value #TUNING}), with the same JVM options the user gave,
 * streams inherited, and exits with its exit code. {@code IMHISTORY_GATE_FORK=false} (or
 * {@code -Dimhistory.gate.fork=false}) runs the gate in the first JVM as it is; so does any failure to start the
 * second one.
 */
public final class GateLauncher {
    static final String TUNING = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    static final String FORKED = "imhistory.gate.forked";

    private GateLauncher() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("server") || args[0].equals("probe")) && forkWanted()) {
            Integer code = fork(args);
            if (code != null) {
                System.exit(code);
            }
        }
        Gate.main(args);
    }

    private static boolean forkWanted() {
        String property = System.getProperty("imhistory.gate.fork");
        String env = System.getenv("IMHISTORY_GATE_FORK");
        return System.getProperty(FORKED) == null && !"false".equals(property) && !"false".equals(env);
    }

    /** Runs the gate in a tuned JVM; its exit code, or null when it could not be started. */
    private static Integer fork(String[] args) {
        Path jar;
        try {
            jar = Path.of(GateLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        if (!Files.isRegularFile(jar) || !Files.isExecutable(java)) {
            return null; // not run from the jar (an IDE, the tests): nothing to start again
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(given);
        for (String option : TUNING.split(" ")) {
            String name = option.replaceFirst("^-XX:[+-]?", "").replaceFirst("=.*", "");
            boolean gc = option.endsWith("GC");
            if (given.stream().noneMatch(g -> g.contains(name) || (gc && g.matches("-XX:[+]Use[A-Za-z0-9]+GC")))) {
                command.add(option);
            }
        }
        command.add("-D" + FORKED + "=true");
        command.addAll(List.of("-cp", jar.toString(), Gate.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // the options these carried are among the input arguments already: given twice, an agent would load twice
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process child;
        try {
            child = builder.start();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        Thread stop = new Thread(child::destroy, "im-history-gate-stop"); // SIGTERM to us: stop the run too
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return Gate.NOT_RUN;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }
}
