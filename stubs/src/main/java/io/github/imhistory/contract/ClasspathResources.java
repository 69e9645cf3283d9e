package io.github.imhistory.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and opens the contract files packaged under {@code imhistory/} (schemas, scenarios, catalogues), from a
 * directory during the build or from the stubs jar. Only the first classpath root holding the folder is used, so a
 * jar that repackages the contract cannot make every scenario appear twice.
 */
public final class ClasspathResources {
    public static final String ROOT = "imhistory/";

    private ClasspathResources() {}

    public static InputStream open(String path) {
        InputStream in = ClasspathResources.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new ContractException("classpath resource " + ROOT + path + " not found");
        }
        return in;
    }

    /** Paths relative to {@code imhistory/}, sorted, of all files below {@code folder} ending in {@code suffix}. */
    public static List<String> list(String folder, String suffix) {
        String base = ROOT + (folder.endsWith("/") ? folder : folder + "/");
        try {
            Enumeration<URL> roots = ClasspathResources.class.getClassLoader().getResources(base);
            if (!roots.hasMoreElements()) {
                return List.of();
            }
            URL url = roots.nextElement();
            TreeSet<String> found = new TreeSet<>();
            if ("file".equals(url.getProtocol())) {
                Path dir = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(Files::isRegularFile)
                            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                            .filter(p -> p.endsWith(suffix))
                            .forEach(p -> found.add(base.substring(ROOT.length()) + p));
                }
            } else if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (!entry.isDirectory() && name.startsWith(base) && name.endsWith(suffix)) {
                            found.add(name.substring(ROOT.length()));
                        }
                    }
                }
            } else {
                throw new ContractException("cannot list " + url + ": unsupported protocol " + url.getProtocol());
            }
            return new ArrayList<>(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new ContractException("cannot list " + base + ": " + e.getMessage(), e);
        }
    }
}
