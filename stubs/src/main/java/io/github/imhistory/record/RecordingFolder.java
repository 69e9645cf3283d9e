package io.github.imhistory.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --record DIR}: one scenario file per sdkappid ({@code recorded-<sdkappid>.json}), rewritten after every
 * answer that adds to it, always valid against scenario.schema.json so that {@code --scenarios DIR} serves it as it
 * stands. A message the schema cannot hold (the upstream sent something malformed) is left out of the file; the
 * checks report it.
 */
public final class RecordingFolder {
    /** A dataset entry a violation points into: {@code /dataset/c2c/5}, {@code /dataset/groups/0/topics/1/messages/3}. */
    private static final Pattern ENTRY = Pattern.compile("^(/dataset/(?:c2c|groups/\\d+(?:/topics/\\d+)?/messages"
            + "|officialAccounts/\\d+/messages))/(\\d+)(/.*)?$");

    private final Path dir;
    private final String source;
    private final boolean redact;
    private final Map<Long, HistoryRecording> recordings = new ConcurrentHashMap<>();

    /** @param source what the history comes from, for the file's title (the upstream's URL, never a key) */
    public RecordingFolder(Path dir, String source, boolean redact) throws IOException {
        this.dir = dir;
        this.source = source;
        this.redact = redact;
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(long sdkappid) {
        return dir.resolve("recorded-" + sdkappid + ".json");
    }

    /** Takes in one exchange and rewrites the tenant's file when the answer was a success. */
    public void observe(long sdkappid, Api api, String identifier, JsonNode body, String answerText) throws IOException {
        HistoryRecording r = recordings.computeIfAbsent(sdkappid, HistoryRecording::new);
        long before = r.observed();
        r.observe(api, identifier, body, answerText);
        if (r.observed() != before) {
            write(r);
        }
    }

    private void write(HistoryRecording r) throws IOException {
        ObjectNode scenario = valid(r.scenario(source, redact));
        Path target = file(r.sdkappid());
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        synchronized (r) {
            Files.writeString(tmp, Json.pretty(scenario) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The scenario without the entries the schema refuses (each removal can only shrink the set of problems). */
    static ObjectNode valid(ObjectNode scenario) {
        for (int round = 0; round < 100; round++) {
            List<Violation> problems = ContractSchemas.shared().validate("scenario.schema.json", scenario);
            if (problems.isEmpty()) {
                return scenario;
            }
            Matcher m = ENTRY.matcher(problems.get(0).pointer());
            if (!m.matches()) {
                throw new IllegalStateException("a recording is not a valid scenario: " + problems.get(0));
            }
            JsonNode list = scenario.at(m.group(1));
            ((ArrayNode) list).remove(Integer.parseInt(m.group(2)));
        }
        throw new IllegalStateException("a recording keeps failing scenario.schema.json");
    }
}
