package io.github.imhistory.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ContractException;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Scenario;
import io.github.imhistory.contract.ScenarioValidator;
import io.github.imhistory.engine.Tenant;
import io.github.imhistory.engine.Tenants;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A user's folder of scenario files: each file is validated (the message names the file and the JSON pointer) and
 * loaded into its own tenant; changed files are reloaded. A file that turns invalid leaves its tenant as it was, so
 * nothing a user loaded is lost to a half-saved edit.
 */
final class ScenarioFolder {
    /** Scenarios without a tenant.sdkappid get one from here on, in file-name order. */
    static final long FIRST_SDKAPPID = 1_500_000_000L;

    record Loaded(Path file, long sdkappid, String scenarioId, long modified) {}

    private final Path dir;
    private final Tenants tenants;
    private final PrintStream log;
    private final Map<Path, Loaded> loaded = new HashMap<>();

    ScenarioFolder(Path dir, Tenants tenants, PrintStream log) {
        this.dir = dir;
        this.tenants = tenants;
        this.log = log;
    }

    /** Loads every file; the returned problems (file: pointer: message) are fatal at start. */
    List<String> loadAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of(dir + ": not a directory");
        }
        List<String> problems = new ArrayList<>();
        Map<Long, Path> claimed = new HashMap<>();
        long next = FIRST_SDKAPPID;
        for (Path file : files()) {
            try {
                Read scenario = read(file);
                long sdkappid = scenario.json().path("tenant").has("sdkappid") ? scenario.json().path("tenant").path("sdkappid").asLong() : next++;
                if (io.github.imhistory.contract.TenantSpec.isReservedUnknown(sdkappid)) {
                    problems.add(file + ": /tenant/sdkappid " + sdkappid + " is reserved as unknown ("
                            + io.github.imhistory.contract.TenantSpec.RESERVED_UNKNOWN + "): choose another");
                    continue;
                }
                Path other = claimed.putIfAbsent(sdkappid, file);
                if (other != null) {
                    problems.add(file + ": sdkappid " + sdkappid + " is already used by " + other.getFileName());
                    continue;
                }
                Tenant t = load(scenario, sdkappid, file);
                loaded.put(file, new Loaded(file, t.sdkappid(), t.scenarioId(), Files.getLastModifiedTime(file).toMillis()));
            } catch (ContractException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    List<Loaded> loaded() {
        return loaded.values().stream().sorted(java.util.Comparator.comparingLong(Loaded::sdkappid)).toList();
    }

    /** Reloads changed files; called periodically. Problems are logged, and the old tenant keeps serving. */
    void reloadChanged() {
        try {
            for (Path file : files()) {
                long modified = Files.getLastModifiedTime(file).toMillis();
                Loaded before = loaded.get(file);
                if (before != null && before.modified() == modified) {
                    continue;
                }
                try {
                    Read scenario = read(file);
                    long sdkappid = before != null ? before.sdkappid()
                            : scenario.json().path("tenant").has("sdkappid") ? scenario.json().path("tenant").path("sdkappid").asLong() : nextFree();
                    if (io.github.imhistory.contract.TenantSpec.isReservedUnknown(sdkappid)) {
                        throw new ContractException(file + ": /tenant/sdkappid " + sdkappid + " is reserved as unknown ("
                                + io.github.imhistory.contract.TenantSpec.RESERVED_UNKNOWN + "): choose another");
                    }
                    Tenant t = load(scenario, sdkappid, file);
                    loaded.put(file, new Loaded(file, sdkappid, t.scenarioId(), modified));
                    log.printf("reloaded %s into sdkappid %d%n", file.getFileName(), sdkappid);
                } catch (ContractException e) {
                    // remember the timestamp so the same broken save is reported once
                    loaded.put(file, before == null ? new Loaded(file, -1, "", modified)
                            : new Loaded(file, before.sdkappid(), before.scenarioId(), modified));
                    log.printf("NOT reloaded (the previous version keeps serving): %s%n", e.getMessage());
                }
            }
        } catch (IOException e) {
            log.println("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private long nextFree() {
        long id = FIRST_SDKAPPID;
        while (tenants.get(id).isPresent()) {
            id++;
        }
        return id;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** A file's document and its typed reading. */
    private record Read(JsonNode json, Scenario scenario) {}

    /** Every problem names the file and a JSON pointer ({@code /} for the root). */
    private static Read read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ContractException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode scenario = Json.parseStrict(text, file.toString());
        return new Read(scenario, ScenarioValidator.shared().read(scenario, file.toString()));
    }

    /** Loading builds the dataset, whose own checks name a pointer but not the file. */
    private Tenant load(Read scenario, long sdkappid, Path file) {
        try {
            return tenants.load(scenario.scenario(), sdkappid);
        } catch (ContractException e) {
            throw ScenarioValidator.named(file.toString(), e);
        }
    }
}
