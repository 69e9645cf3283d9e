package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One answer of a server to one request, with what judging it needs: the API, the request body, the answer as it
 * came (in {@link #exchange}), where it happened, and the rules the scenario part names (only used to attribute a
 * difference no rule's home explains, see {@link Declared.Mechanism#DIFFERENTIAL}). Checks share per-answer state
 * here: which entries a precise check already blamed, so that the comparison with the reference does not blame them
 * twice.
 */
public final class ServerAnswer {
    private final Api api;
    private final RecordedRequest exchange;
    private final String where;
    private final List<RuleId> named;
    private final JsonNode body;
    private final Set<String> explained = new HashSet<>();
    private boolean tolerated;
    private int reported;

    /**
     * @param exchange the request sent and what came back; a transport failure is an exchange with a fault
     * @param named    the server rules the exchange or walk names, in order
     */
    public ServerAnswer(Api api, RecordedRequest exchange, String where, List<RuleId> named) {
        this.api = Objects.requireNonNull(api, "api");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.where = where == null ? "" : where;
        this.named = List.copyOf(named);
        this.body = exchange.bodyJson().orElseGet(Json::object);
    }

    public Api api() {
        return api;
    }

    public ApiProfile profile() {
        return api.profile();
    }

    public RecordedRequest exchange() {
        return exchange;
    }

    public String where() {
        return where;
    }

    public List<RuleId> named() {
        return named;
    }

    /** The request body as a JSON object (an empty object when it was not one). */
    public JsonNode body() {
        return body;
    }

    /** The answer as a JSON object, or null. */
    public JsonNode answer() {
        return exchange.answerJson().orElse(null);
    }

    void add(Findings f, RuleId rule, String message) {
        reported++;
        f.add(rule, where, message, exchange);
    }

    /** How many findings were reported about this answer so far. */
    int reported() {
        return reported;
    }

    /** Marks an entry (by key) as blamed by a precise check. */
    void explain(String key) {
        explained.add(key);
    }

    boolean explained(String key) {
        return explained.contains(key);
    }

    /** Marks a difference from the reference as one the server may choose (so no residual difference is reported). */
    void tolerate() {
        tolerated = true;
    }

    boolean tolerated() {
        return tolerated;
    }
}
