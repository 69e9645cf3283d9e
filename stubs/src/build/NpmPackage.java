import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the npm package im-history-stubs (stubs/npm) with the machine's own node and npm, run by the Maven build
 * (exec-maven-plugin, pre-integration-test): installs the build tools of stubs/npm/package-lock.json with {@code npm ci}
 * when the lock changed, then runs {@code node scripts/build.mjs}, which generates the TypeScript types, compiles the
 * client and packs target/npm/im-history-stubs.tgz. Nothing here downloads Node.
 *
 * <p>Without node or npm on the PATH (or when npm ci cannot reach the registry) it says so and skips, and the tests
 * that need the package skip with the reason; {@code -Dimhistory.requireNode=true} (CI) turns that into a failure.
 *
 * <p>Arguments: npm folder, OpenAPI document, standalone jar, version, output folder, requireNode (true/false).
 */
public final class NpmPackage {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String openapi = args[1];
        String jar = args[2];
        String version = args[3];
        Path out = Path.of(args[4]);
        boolean require = Boolean.parseBoolean(args[5]);
        String npm = System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm";
        for (String tool : List.of("node", npm)) {
            if (!runs(List.of(tool, "--version"), dir)) {
                skip(require, tool + " is not on the PATH (apt-get install nodejs npm)", out);
                return;
            }
        }
        Path lock = dir.resolve("package-lock.json");
        Path stamp = dir.resolve("node_modules").resolve(".im-history-lock");
        String wanted = Files.readString(lock, StandardCharsets.UTF_8);
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp, StandardCharsets.UTF_8).equals(wanted)) {
            Path log = Files.createTempFile("im-history-npm-ci", ".log");
            int code = run(List.of(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"), dir, log);
            if (code != 0) {
                skip(require, "npm ci failed (exit " + code + "):\n" + Files.readString(log, StandardCharsets.UTF_8), out);
                return;
            }
            Files.writeString(stamp, wanted, StandardCharsets.UTF_8);
        }
        List<String> build = new ArrayList<>(List.of("node", "scripts/build.mjs", "--openapi", openapi, "--jar", jar,
                "--version", version, "--out", out.toString()));
        int code = new ProcessBuilder(build).directory(dir.toFile()).inheritIO().start().waitFor();
        if (code != 0) {
            System.err.println("[im-history] building the npm package failed (exit " + code + ")");
            System.exit(1);
        }
        Path tgz = out.resolve("im-history-stubs.tgz");
        System.out.printf("[im-history] npm package: %s (%,d bytes packed)%n", tgz, Files.size(tgz));
    }

    private static void skip(boolean require, String why, Path out) throws IOException {
        if (require) {
            System.err.println("[im-history] the npm package is required (-Dimhistory.requireNode=true) but " + why);
            System.exit(1);
        }
        deleteTree(out); // no stale package for the tests to find
        System.out.println("[im-history] npm package skipped: " + why + "; the tests that need it are skipped");
    }

    private static boolean runs(List<String> command, Path dir) {
        try {
            return run(command, dir, Files.createTempFile("im-history-probe", ".log")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(List<String> command, Path dir, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return p.waitFor();
        } catch (IOException e) {
            Files.writeString(log, e.getMessage());
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
