package io.github.imhistory.kit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link Seeder#command}: a command of the server team's own loads each scenario into their server. For every
 * scenario the suite writes the scenario, adapted to the target (scenario.schema.json: its {@code tenant} names the
 * target's sdkappid, admin and key and whether the tenant checks UserSigs and limits the rate; its {@code dataset}
 * is what the server must hold), to a file and runs
 *
 * <pre>/bin/sh -c 'COMMAND "$1"' im-history-seed FILE</pre>
 *
 * <p>i.e. the command with the file's path appended, in the current directory, with {@code IMHISTORY_SCENARIO_FILE},
 * {@code IMHISTORY_SCENARIO_ID}, {@code IMHISTORY_BASE_URL}, {@code IMHISTORY_SDKAPPID} and
 * {@code IMHISTORY_IDENTIFIER} set. It must replace whatever an earlier scenario left under that sdkappid and exit
 * 0; any other exit, or no exit within {@link #TIMEOUT_MINUTES} minutes, is a seeding failure (the gate exits 2),
 * reported with the command's last lines of output.
 */
final class CommandSeeder implements Seeder {
    static final long TIMEOUT_MINUTES = 10;
    private static final int OUTPUT_LINES_SHOWN = 20;
    private final String command;

    CommandSeeder(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the seed command is empty");
        }
        this.command = command;
    }

    @Override
    public void seed(SeedContext context) throws IOException {
        Path dir = Files.createTempDirectory("im-history-seed");
        Path file = dir.resolve(context.scenarioId() + ".json");
        Path output = dir.resolve("output.txt");
        try {
            Files.writeString(file, context.scenarioJson(), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command + " \"$1\"", "im-history-seed",
                    file.toString())).redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = pb.environment();
            env.put("IMHISTORY_SCENARIO_FILE", file.toString());
            env.put("IMHISTORY_SCENARIO_ID", context.scenarioId());
            env.put("IMHISTORY_BASE_URL", context.target().baseUrl());
            env.put("IMHISTORY_SDKAPPID", Long.toString(context.target().sdkappid()));
            env.put("IMHISTORY_IDENTIFIER", context.target().identifier());
            Process p = pb.start();
            boolean exited;
            try {
                exited = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while seeding " + context.scenarioId(), e);
            }
            if (!exited) {
                p.destroyForcibly();
                throw new IOException("the seed command did not exit within " + TIMEOUT_MINUTES + " minutes" + tail(output));
            }
            if (p.exitValue() != 0) {
                throw new IOException("the seed command exited with " + p.exitValue() + ": " + command + " " + file + tail(output));
            }
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return " (no output)";
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size());
            return "; its last output:\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String describe() {
        return "command";
    }

    String command() {
        return command;
    }
}
