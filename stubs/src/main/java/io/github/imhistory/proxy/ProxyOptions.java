package io.github.imhistory.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The standalone's proxy options, taken out of its command line before the rest is parsed: {@code --proxy-to URL}
 * (turns the proxy on), {@code --record DIR}, {@code --redact}, {@code --upstream-timeout-ms N}. The key the standalone
 * knows ({@code --secret-key}) lets the proxy judge UserSigs as well.
 */
public record ProxyOptions(URI upstream, Duration timeout, Optional<Path> record, boolean redact) {
    public static final String USAGE = """
              --proxy-to URL           check a live endpoint: forward the three APIs to URL unchanged and judge
                                       both sides (GET /__imhistory/tenants/{sdkappid}/drift[?format=text])
              --record DIR             with --proxy-to: write what the upstream answered as DIR/recorded-<sdkappid>.json,
                                       a scenario that --scenarios DIR serves later (no UserSig or key is written)
              --redact                 with --record: message texts become same-length placeholders
              --upstream-timeout-ms N  with --proxy-to: give up on the upstream after N ms, answering 502 (default 30000)
            """;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** A proxy option the standalone cannot use; the message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The proxy options (empty without --proxy-to) and every other argument, in order. */
    public record Split(Optional<ProxyOptions> proxy, String[] rest) {}

    public static Split split(String... args) throws UsageException {
        String to = null;
        String record = null;
        boolean redact = false;
        String timeout = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(name.length() + 1);
            switch (name) {
                case "--proxy-to", "--record", "--upstream-timeout-ms" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--proxy-to" -> to = value;
                        case "--record" -> record = value;
                        default -> timeout = value;
                    }
                }
                case "--redact" -> redact = true;
                default -> rest.add(arg);
            }
        }
        if (to == null) {
            if (record != null || redact || timeout != null) {
                throw new UsageException((record != null ? "--record" : redact ? "--redact" : "--upstream-timeout-ms")
                        + " only applies with --proxy-to URL (the recorder and its options record what an upstream answers)");
            }
            return new Split(Optional.empty(), rest.toArray(String[]::new));
        }
        if (redact && record == null) {
            throw new UsageException("--redact only applies with --record DIR");
        }
        return new Split(Optional.of(new ProxyOptions(upstream(to), timeout(timeout),
                Optional.ofNullable(record).map(Path::of), redact)), rest.toArray(String[]::new));
    }

    private static URI upstream(String value) throws UsageException {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException("--proxy-to takes a URL like https://console.tim.qq.com, not \"" + value + "\": "
                    + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("--proxy-to takes an http:// or https:// URL, not \"" + value + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UsageException("--proxy-to needs a host in the URL, not \"" + value + "\"");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().replaceAll("/+$", "").isEmpty())) {
            throw new UsageException("--proxy-to takes the server's base URL (scheme, host, port), without a path or "
                    + "query: requests keep their own /v4/... path; not \"" + value + "\"");
        }
        return uri;
    }

    private static Duration timeout(String value) throws UsageException {
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long ms = Long.parseLong(value);
            if (ms < 1 || ms > 600_000) {
                throw new UsageException("--upstream-timeout-ms must be between 1 and 600000, not " + value);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new UsageException("--upstream-timeout-ms takes a number of milliseconds, not " + value);
        }
    }
}
