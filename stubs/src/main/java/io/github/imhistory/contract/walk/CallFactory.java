package io.github.imhistory.contract.walk;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.TenantSpec;
import io.github.imhistory.contract.UserSig;
import io.github.imhistory.contract.Scenario.QueryValue;
import io.github.imhistory.contract.Scenario.RequestSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Builds the calls a correct client sends to a tenant: POST to the API's path; sdkappid and identifier from the
 * tenant, a UserSig signed now (or supplied), a fresh random for every call, contenttype=json; the body as compact
 * JSON. Scenario requests override any of it.
 */
public final class CallFactory {
    private final TenantSpec tenant;
    private final LongSupplier nowSeconds;
    private final LongFunction<String> userSig;

    /**
     * @param userSig the default UserSig at a given second: signed with the tenant's key, or supplied by someone who
     *                holds the key (a server suite run without it)
     */
    public CallFactory(TenantSpec tenant, LongSupplier nowSeconds, LongFunction<String> userSig) {
        this.tenant = tenant;
        this.nowSeconds = nowSeconds;
        this.userSig = userSig;
    }

    /** Signs with the tenant's own key. */
    public static CallFactory signing(TenantSpec tenant, LongSupplier nowSeconds) {
        return new CallFactory(tenant, nowSeconds,
                now -> UserSig.generate(tenant.sdkappid(), tenant.admin(), tenant.secretKey(), now, 86_400));
    }

    public TenantSpec tenant() {
        return tenant;
    }

    /** The default call with this body. */
    public HttpCall body(Api api, JsonNode body) {
        return new HttpCall("POST", api.path(), defaultQuery(), Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The call a scenario's request describes (defaults of scenario.schema.json applied). */
    public HttpCall call(Api api, RequestSpec request) {
        Map<String, String> query = defaultQuery();
        request.query().forEach((name, value) -> {
            if (value instanceof QueryValue.Removed) {
                query.remove(name);
            } else if (value instanceof QueryValue.Text t) {
                query.put(name, t.value());
            } else {
                query.put(name, ""); // signed below, once the other parameters are known
            }
        });
        request.query().forEach((name, value) -> {
            if (value instanceof QueryValue.SignedUserSig spec) {
                query.put(name, sign(spec, query));
            }
        });
        byte[] body = request.rawBody() != null ? request.rawBody().getBytes(StandardCharsets.UTF_8)
                : request.body() != null ? Json.compact(request.body()).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new HttpCall(request.method().orElse("POST"), request.path().orElse(api.path()), query, body);
    }

    /** The same call as a new request: a fresh random (a retry is a request of its own). */
    public static HttpCall again(HttpCall call) {
        String random = call.query().get("random");
        if (random == null || !random.matches("[0-9]+")) {
            return call;
        }
        Map<String, String> q = new LinkedHashMap<>(call.query());
        q.put("random", freshRandom());
        return new HttpCall(call.method(), call.path(), q, call.body());
    }

    public static String freshRandom() {
        return Long.toString(ThreadLocalRandom.current().nextLong(0, 1L << 32));
    }

    private Map<String, String> defaultQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sdkappid", Long.toString(tenant.sdkappid()));
        q.put("identifier", tenant.admin());
        q.put("usersig", userSig.apply(nowSeconds.getAsLong()));
        q.put("random", freshRandom());
        q.put("contenttype", "json");
        return q;
    }

    private String sign(QueryValue.SignedUserSig spec, Map<String, String> query) {
        String identifier = spec.identifier().orElse(query.getOrDefault("identifier", tenant.admin()));
        long sdkappid = spec.sdkappid().orElse(parseOr(query.get("sdkappid"), tenant.sdkappid()));
        long time = spec.time().orElse(nowSeconds.getAsLong() + spec.timeOffset());
        String sig = UserSig.generate(sdkappid, identifier, spec.secretKey().orElse(tenant.secretKey()), time,
                spec.expire(), spec.userbuf().orElse(null));
        return spec.padding() ? sig : UserSig.withoutPadding(UserSig.decode(sig));
    }

    private static long parseOr(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
