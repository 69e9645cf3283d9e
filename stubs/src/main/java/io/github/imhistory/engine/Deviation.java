package io.github.imhistory.engine;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.Scenario.Action;
import java.util.Optional;

/**
 * A scripted departure from documented behaviour, as a scenario's {@code deviations} declare it. A change of data
 * (a message arriving or recalled) is compiled when the tenant loads, so nothing is parsed while a request is answered.
 */
record Deviation(long request, Optional<Api> api, long times, Action action, Mutations.Mutation change) {

    static Deviation of(Scenario.DeviationSpec spec, String where) {
        Mutations.Mutation change = spec.action() instanceof Action.Change c ? Mutations.compile(c, where) : null;
        return new Deviation(spec.request(), spec.api(), spec.times(), spec.action(), change);
    }

    /** Whether this deviation fires for a request that is the {@code n}-th overall and {@code nForApi}-th of its API. */
    boolean firesAt(Api requested, long n, long nForApi) {
        if (api.isPresent() && api.get() != requested) {
            return false;
        }
        long counter = api.isEmpty() ? n : nForApi;
        return counter >= request && counter < request + times;
    }
}
