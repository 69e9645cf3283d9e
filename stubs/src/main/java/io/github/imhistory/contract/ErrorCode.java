package io.github.imhistory.contract;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code scenarios/catalog/error-codes.json}.
 *
 * @param apis     the APIs that can answer the code; {@link #ALL} for the gateway codes every API shares
 * @param retry    whether repeating the same request can help (COM-RETRY-001, COM-RETRY-002)
 * @param produced who answers it in the stub: the engine (derived from request and data) or only a scripted
 *                 deviation of a scenario (a server-side condition no request can cause)
 * @param rules    the rules that explain when the code is answered
 */
public record ErrorCode(int code, List<String> apis, boolean retry, Produced produced, List<String> rules,
                        String zh, String en, String source) {
    public static final String ALL = "all";
    /** The three history APIs, the names an error code can apply to besides {@link #ALL}. */
    public static final List<String> API_NAMES = List.of("admin_getroammsg", "group_msg_get_simple",
            "official_account_msg_get_simple");

    public ErrorCode {
        apis = List.copyOf(apis);
        rules = List.copyOf(rules);
        Objects.requireNonNull(produced, "produced");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(source, "source");
    }

    public enum Produced {
        ENGINE, DEVIATION;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Produced fromJson(String value) {
            for (Produced p : values()) {
                if (p.json().equals(value)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown produced " + value);
        }
    }

    /**
     * Whether {@code api} (one of {@link #API_NAMES}) can answer this code.
     *
     * @throws IllegalArgumentException for a name that is not one of the three APIs, so that a typo cannot read as
     *                                  "does not apply"
     */
    public boolean appliesTo(String api) {
        if (!API_NAMES.contains(api)) {
            throw new IllegalArgumentException("not an API name: " + api + " (expected one of " + API_NAMES + ")");
        }
        return apis.contains(ALL) || apis.contains(api);
    }

    public boolean appliesToAll() {
        return apis.contains(ALL);
    }

    public boolean retryCanHelp() {
        return retry;
    }

    @Override
    public String toString() {
        return code + " (" + en + ")";
    }
}
