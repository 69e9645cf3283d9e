package io.github.imhistory.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.ErrorCatalog;
import io.github.imhistory.contract.ErrorCode;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Judges one answer of the stub to any request, when no deviation is configured: HTTP 200 (COM-HTTP-001), a JSON
 * object with ActionStatus/ErrorCode/ErrorInfo that agree (COM-ENV-001, COM-ENV-002), a code from the catalogue that
 * the engine itself produces (a deviation-only code such as 91000 or 10002 means the engine's safety net caught an
 * exception), a code that fits the path and method (60009/10003 for unknown paths, 60008 for another method, else a
 * code of that API), within the time bound. A sample is also validated against the contract's schemas.
 * Counts codes and statuses; keeps the first examples of every kind of problem.
 */
final class AnswerCheck {
    private static final int EXAMPLES_PER_KIND = 2;

    private final ErrorCatalog catalog = ErrorCatalog.bundled();
    private final ContractSchemas schemas = ContractSchemas.shared();
    private final long boundNanos;
    final ConcurrentMap<Integer, LongAdder> codes = new ConcurrentHashMap<>();
    final ConcurrentMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final ConcurrentMap<String, LongAdder> problemCounts = new ConcurrentHashMap<>();
    final ConcurrentMap<String, List<String>> examples = new ConcurrentHashMap<>();
    final LongAdder schemaChecked = new LongAdder();

    AnswerCheck(long boundMillis) {
        this.boundNanos = boundMillis * 1_000_000L;
    }

    /**
     * @param api the API the request's path names, or null for an unknown path
     * @param validateSchema whether to validate this answer against the schemas too (costly: a sample)
     * @param where how to reproduce the request, for the failure message
     */
    void judge(Api api, String method, int status, byte[] body, long nanos, boolean validateSchema, String where) {
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (nanos > boundNanos) {
            problem("slower than " + boundNanos / 1_000_000 + " ms", where + "\n      took " + nanos / 1_000_000 + " ms");
        }
        if (status != 200) {
            problem("HTTP " + status, where + "\n      answer: " + RequestGenerator.preview(body));
            return;
        }
        JsonNode answer;
        try {
            answer = Json.WIRE.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            problem("answer is not JSON", where + "\n      answer: " + RequestGenerator.preview(body));
            return;
        }
        if (answer == null || !answer.isObject() || !answer.path("ActionStatus").isTextual() || !answer.path("ErrorCode").isInt()
                || !answer.path("ErrorInfo").isTextual()) {
            problem("answer lacks ActionStatus/ErrorCode/ErrorInfo", where + "\n      answer: " + RequestGenerator.preview(body));
            return;
        }
        int code = answer.get("ErrorCode").intValue();
        codes.computeIfAbsent(code, k -> new LongAdder()).increment();
        String status2 = answer.get("ActionStatus").textValue();
        String info = answer.get("ErrorInfo").textValue();
        String shown = where + "\n      answer: " + RequestGenerator.preview(body);
        if (code == 0 ? !status2.equals("OK") || !info.isEmpty() : !status2.equals("FAIL")) {
            problem("ActionStatus/ErrorCode/ErrorInfo disagree (COM-ENV-002)", shown);
        }
        if (code != 0) {
            ErrorCode c = catalog.find(code).orElse(null);
            if (c == null) {
                problem("ErrorCode " + code + " is not in error-codes.json", shown);
            } else if (c.produced() != ErrorCode.Produced.ENGINE || info.startsWith("internal error")) {
                problem("internal error (code " + code + ", no deviation configured): " + abbreviate(info), shown);
            } else if (api == null ? code != 60009 && code != 10003
                    : !method.equals("POST") ? code != 60008 : !c.appliesTo(api.command())) {
                problem("ErrorCode " + code + " does not fit " + method + " " + (api == null ? "an unknown path" : api.command()), shown);
            }
        } else if (api == null || !method.equals("POST")) {
            problem("success for " + method + " " + (api == null ? "an unknown path" : api.command()), shown);
        }
        if (validateSchema) {
            schemaChecked.increment();
            List<Violation> v = new ArrayList<>(schemas.validate(ContractSchemas.SchemaFile.ENVELOPE, answer));
            if (code == 0 && api != null) {
                v.addAll(schemas.validate(api.command() + ".response.schema.json", answer));
            }
            if (!v.isEmpty()) {
                problem("answer does not match the contract's schema", shown + "\n      " + v);
            }
        }
    }

    void problem(String kind, String example) {
        problemCounts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        List<String> list = examples.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
        synchronized (list) {
            if (list.size() < EXAMPLES_PER_KIND) {
                list.add(example);
            }
        }
    }

    boolean clean() {
        return problemCounts.isEmpty();
    }

    /** Every kind of problem with its count and first examples. */
    String problems() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(problemCounts).forEach((kind, n) -> {
            s.append("\n  ").append(n.sum()).append(" x ").append(kind);
            examples.getOrDefault(kind, List.of()).forEach(e -> s.append("\n    e.g. ").append(e));
        });
        return s.toString();
    }

    /** Counts per ErrorCode with the catalogue's English text. */
    String codeTable() {
        StringBuilder s = new StringBuilder();
        long total = codes.values().stream().mapToLong(LongAdder::sum).sum();
        for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(codes).entrySet()) {
            long n = e.getValue().sum();
            String text = e.getKey() == 0 ? "OK" : catalog.find(e.getKey()).map(c -> abbreviate(c.en())).orElse("NOT IN CATALOGUE");
            s.append(String.format("%n    %6d  %8d  %5.1f%%  %s", e.getKey(), n, 100.0 * n / Math.max(1, total), text));
        }
        return s.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }
}
