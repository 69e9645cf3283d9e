package io.github.imhistory.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and the git commit this build was made from ({@code imhistory/build.properties}, written during the
 * build by {@code stubs/src/build/GenerateBuildInfo.java}), for the jars' {@code --version}.
 */
public final class BuildInfo {
    private static final String RESOURCE = ClasspathResources.ROOT + "build.properties";

    private BuildInfo() {}

    /** {@code im-history <tool> 0.1.0-SNAPSHOT (commit 6fe7f28…)}; "unknown" parts when the jar lacks the file. */
    public static String describe(String tool) {
        Properties p = properties();
        return "im-history " + tool + " " + p.getProperty("version", "unknown") + " (commit "
                + p.getProperty("commit", "unknown") + ")";
    }

    public static String version() {
        return properties().getProperty("version", "unknown");
    }

    public static String commit() {
        return properties().getProperty("commit", "unknown");
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable file reads as unknown
        }
        return p;
    }
}
