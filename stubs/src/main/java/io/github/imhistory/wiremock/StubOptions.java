package io.github.imhistory.wiremock;

import java.util.Set;

/**
 * How the extension behaves as an HTTP server, beyond the engine's answers.
 *
 * @param cors answer CORS preflights and add the headers the docs show (ref §1.2) to every answer
 * @param latencyMillis added to every API answer
 * @param remoteAdmin let non-loopback clients change state through the admin API (load, reset, remove)
 * @param adminHosts the host names (lower case, IPv6 in brackets, no port) a request's Host header must name for the
 *     admin API to answer it, against DNS rebinding; empty: any Host (the extension cannot know how it is reached)
 */
public record StubOptions(boolean cors, long latencyMillis, boolean remoteAdmin, Set<String> adminHosts) {
    public StubOptions {
        adminHosts = Set.copyOf(adminHosts);
    }

    public StubOptions(boolean cors, long latencyMillis, boolean remoteAdmin) {
        this(cors, latencyMillis, remoteAdmin, Set.of());
    }

    public static StubOptions defaults() {
        return new StubOptions(false, 0, false);
    }

    public StubOptions withCors(boolean on) {
        return new StubOptions(on, latencyMillis, remoteAdmin, adminHosts);
    }

    public StubOptions withLatency(long millis) {
        return new StubOptions(cors, millis, remoteAdmin, adminHosts);
    }

    public StubOptions withRemoteAdmin(boolean on) {
        return new StubOptions(cors, latencyMillis, on, adminHosts);
    }

    public StubOptions withAdminHosts(Set<String> names) {
        return new StubOptions(cors, latencyMillis, remoteAdmin, names);
    }
}
