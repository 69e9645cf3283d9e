package io.github.imhistory.kit.junit;

import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Walk;
import java.time.Duration;
import java.util.List;

/** The requests one tenant received, with what it answered, oldest first. */
public interface StubTraffic {
    /**
     * Every recorded request in arrival order (the stub engine's journal of this tenant): those refused before the
     * API looked at them (another method, a wrong path) included, each with its answer, scripted fault and delay.
     */
    List<RecordedRequest> requests();

    /** Requests no longer kept because the journal is bounded. */
    long dropped();

    /** Forgets what was recorded so far. */
    void clear();

    /** Waits until no request the tenant received is still being computed, at most {@code timeout}; returns whether none is. */
    boolean awaitAnswered(Duration timeout);

    /** Where the requests went, for curl commands. */
    String baseUrl();

    /** The requests grouped into walks (see {@link io.github.imhistory.contract.ApiProfile#walkKey}). */
    default List<Walk> walks() {
        return TrafficJudge.walks(requests(), baseUrl());
    }

    /** The only walk of the traffic; fails when there is none or more than one. */
    default Walk walk() {
        List<Walk> walks = walks();
        if (walks.size() != 1) {
            throw new IllegalStateException("expected exactly one walk in the traffic but found " + walks.size() + ": " + walks);
        }
        return walks.get(0);
    }
}
