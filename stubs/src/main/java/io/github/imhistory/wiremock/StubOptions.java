package io.github.imhistory.wiremock;

/**
 * How the extension behaves as an HTTP server, beyond the engine's answers.
 *
 * @param cors answer CORS preflights and add the headers the docs show (ref §1.2) to every answer
 * @param latencyMillis added to every API answer
 * @param remoteAdmin let non-loopback clients change state through the admin API (load, reset, remove)
 */
public record StubOptions(boolean cors, long latencyMillis, boolean remoteAdmin) {
    public static StubOptions defaults() {
        return new StubOptions(false, 0, false);
    }

    public StubOptions withCors(boolean on) {
        return new StubOptions(on, latencyMillis, remoteAdmin);
    }

    public StubOptions withLatency(long millis) {
        return new StubOptions(cors, millis, remoteAdmin);
    }

    public StubOptions withRemoteAdmin(boolean on) {
        return new StubOptions(cors, latencyMillis, on);
    }
}
