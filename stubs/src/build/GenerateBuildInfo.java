import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Build step (exec-maven-plugin, generate-resources): writes {@code imhistory/build.properties} with the project
 * version and the git commit the build was made from, for both jars' {@code --version}. Without git (a source
 * archive) the commit is "unknown"; with uncommitted changes it ends in "-dirty". Run as a Java source file:
 * {@code java GenerateBuildInfo.java <version> <repository dir> <generated-resources dir>}.
 */
public final class GenerateBuildInfo {
    public static void main(String[] args) throws IOException {
        String version = args[0];
        Path repo = Path.of(args[1]);
        String commit = git(repo, "rev-parse", "HEAD");
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            commit = "unknown";
        } else {
            String status = git(repo, "status", "--porcelain", "--untracked-files=no");
            if (status != null && !status.isBlank()) {
                commit += "-dirty";
            }
        }
        Path out = Path.of(args[2], "imhistory", "build.properties");
        Files.createDirectories(out.getParent());
        String text = "# written by stubs/src/build/GenerateBuildInfo.java during the build\n"
                + "version=" + version + "\ncommit=" + commit + "\n";
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
    }

    private static String git(Path repo, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = repo.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
