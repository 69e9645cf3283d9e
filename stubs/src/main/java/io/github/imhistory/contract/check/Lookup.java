package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import java.util.Optional;
import java.util.Set;

/**
 * What the reference knows beyond its answer, for naming the rule a difference breaks (is this extra seq a recalled
 * message? was this extra C2C message sent with SyncOtherMachine=2?). Supplied by whoever holds the data: the
 * server suite's oracle. {@link #NONE} when nobody does (a checking proxy).
 */
public interface Lookup {
    Lookup NONE = new Lookup() {
        @Override
        public Optional<JsonNode> answer(Api api, ObjectNode body) {
            return Optional.empty();
        }

        @Override
        public Set<String> notSyncedToSender() {
            return Set.of();
        }
    };

    /** The reference's success answer to another request on the same data (no scripted deviations), if any. */
    Optional<JsonNode> answer(Api api, ObjectNode body);

    /** The keys ({@link io.github.imhistory.contract.ApiProfile#key}) of C2C messages stored with SyncOtherMachine=2. */
    Set<String> notSyncedToSender();
}
