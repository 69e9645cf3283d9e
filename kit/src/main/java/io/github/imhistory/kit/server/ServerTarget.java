package io.github.imhistory.kit.server;

import io.github.imhistory.contract.UserSig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server under test: where it listens, which app (sdkappid) and admin account the suite calls it as, and how the
 * suite gets a UserSig: from the app's secret key (the suite then signs every request itself and can also forge the
 * bad signatures of the UserSig scenarios) or from a supplier of valid UserSigs (the suite then skips the exchanges
 * that need a signature it cannot make).
 */
public final class ServerTarget {
    /** Per-request timeout unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A UserSig made from the secret key lives this long (the TLSSigAPIv2 default is 180 days; a day is plenty). */
    static final long SIG_EXPIRE_SECONDS = 86_400;

    private final String baseUrl;
    private final long sdkappid;
    private final String identifier;
    private final String secretKey;
    private final Supplier<String> userSigSupplier;
    private final Duration timeout;

    private ServerTarget(String baseUrl, long sdkappid, String identifier, String secretKey,
                         Supplier<String> userSigSupplier, Duration timeout) {
        this.baseUrl = normalize(baseUrl);
        if (sdkappid < 0 || sdkappid > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sdkappid must be in 0..4294967295, was " + sdkappid);
        }
        this.sdkappid = sdkappid;
        this.identifier = Objects.requireNonNull(identifier, "identifier");
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier (the App admin account) must not be empty");
        }
        this.secretKey = secretKey;
        this.userSigSupplier = userSigSupplier;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A target whose requests the suite signs with the app's secret key (the console's key, used as-is). */
    public static ServerTarget of(String baseUrl, long sdkappid, String identifier, String secretKey) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secretKey must not be empty");
        }
        return new ServerTarget(baseUrl, sdkappid, identifier, secretKey, null, DEFAULT_TIMEOUT);
    }

    /**
     * A target for which the suite has no secret key: {@code userSig} hands out a UserSig valid for {@code identifier}
     * and {@code sdkappid}, called once per request. Exchanges that need another signature (another identifier,
     * an expired time, a wrong key) are skipped with that reason.
     */
    public static ServerTarget withUserSig(String baseUrl, long sdkappid, String identifier, Supplier<String> userSig) {
        return new ServerTarget(baseUrl, sdkappid, identifier, null, Objects.requireNonNull(userSig, "userSig"),
                DEFAULT_TIMEOUT);
    }

    /** The same target with another per-request timeout (slow servers, debugging). */
    public ServerTarget withTimeout(Duration timeout) {
        return new ServerTarget(baseUrl, sdkappid, identifier, secretKey, userSigSupplier, timeout);
    }

    /** Without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    public long sdkappid() {
        return sdkappid;
    }

    /** The App admin account the suite calls as. */
    public String identifier() {
        return identifier;
    }

    public Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    /** Whether the suite can sign any UserSig itself (it has the secret key). */
    public boolean canSign() {
        return secretKey != null;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A UserSig valid now for the admin identifier: freshly signed, or from the supplier. */
    public String userSig(long nowSeconds) {
        if (secretKey != null) {
            return UserSig.generate(sdkappid, identifier, secretKey, nowSeconds, SIG_EXPIRE_SECONDS);
        }
        return Objects.requireNonNull(userSigSupplier.get(), "the UserSig supplier returned null");
    }

    private static String normalize(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String url = baseUrl.trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL is not a URL: " + baseUrl, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL must be http://host[:port][/prefix] or https://..., was " + baseUrl);
        }
        return url;
    }

    @Override
    public String toString() {
        return baseUrl + " (sdkappid " + sdkappid + ", identifier " + identifier + ", "
                + (canSign() ? "signing with the secret key" : "UserSig from a supplier") + ")";
    }
}
