package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;

/** COM-HTTP-001, COM-ENV-001, COM-ENV-002: every answer is HTTP 200 with the result in a JSON envelope. */
public final class EnvelopeChecks {
    private EnvelopeChecks() {}

    /**
     * Whether there is an HTTP 200 answer to judge further. A scripted fault or non-200 page of the reference must be
     * played as scripted; otherwise anything but an HTTP 200 answer breaks COM-HTTP-001.
     *
     * @param reference null when there is none (then only the answer itself is judged)
     */
    @Verifies(value = RuleId.COM_HTTP_001, side = Side.SERVER)
    static boolean http(ServerAnswer a, Reference reference, Findings f) {
        RecordedRequest x = a.exchange();
        if (reference != null && reference.isFault()) {
            if (x.fault() == null) {
                a.add(f, RuleId.COM_HTTP_001, "the scenario scripts " + reference.describe() + " for this request, but the"
                        + " server answered " + brief(x));
            }
            return false;
        }
        if (x.fault() != null) {
            a.add(f, RuleId.COM_HTTP_001, "no HTTP answer (" + x.fault() + ")"
                    + (reference == null ? "" : " where " + reference.describe() + " is due"));
            return false;
        }
        if (reference != null && reference.json() == null) {
            if (x.status() != reference.status()) {
                a.add(f, RuleId.COM_HTTP_001, "HTTP " + x.status() + " where the scenario scripts HTTP " + reference.status());
            }
            return false;
        }
        if (x.status() != 200) {
            a.add(f, RuleId.COM_HTTP_001, "HTTP " + x.status() + " where every answer is HTTP 200 with the result in the"
                    + " body" + (reference != null && reference.errorCode() > 0 ? " (here ErrorCode "
                    + reference.errorCode() + ")" : "") + ": " + brief(x));
            return false;
        }
        return true;
    }

    /** The envelope's fields and their agreement; whether the answer is a JSON object at all. */
    @Verifies(value = {RuleId.COM_ENV_001, RuleId.COM_ENV_002}, side = Side.SERVER)
    static boolean envelope(ServerAnswer a, Findings f) {
        JsonNode s = a.answer();
        if (s == null) {
            a.add(f, RuleId.COM_ENV_001, "the answer is not a JSON object: " + brief(a.exchange()));
            return false;
        }
        JsonNode status = s.get("ActionStatus");
        JsonNode code = s.get("ErrorCode");
        JsonNode info = s.get("ErrorInfo");
        if (status == null || !status.isTextual()) {
            a.add(f, RuleId.COM_ENV_001, "ActionStatus is " + (status == null ? "missing" : "not a string: " + status));
        }
        if (code == null || !code.isIntegralNumber()) {
            a.add(f, RuleId.COM_ENV_001, "ErrorCode is " + (code == null ? "missing" : "not an integer: " + code));
        }
        if (info == null || !info.isTextual()) {
            a.add(f, RuleId.COM_ENV_001, "ErrorInfo is " + (info == null ? "missing" : "not a string: " + info));
        }
        if (status != null && status.isTextual() && code != null && code.isIntegralNumber()) {
            boolean ok = "OK".equals(status.asText());
            boolean fail = "FAIL".equals(status.asText());
            if (!(ok && code.asLong() == 0) && !(fail && code.asLong() != 0)) {
                a.add(f, RuleId.COM_ENV_002, "ActionStatus " + status + " with ErrorCode " + code
                        + "; \"OK\" goes with 0 and \"FAIL\" with a non-zero code");
            }
        }
        return true;
    }

    static String brief(RecordedRequest x) {
        if (x.fault() != null) {
            return "no answer (" + x.fault() + ")";
        }
        String t = x.answer();
        return "HTTP " + x.status() + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
    }
}
