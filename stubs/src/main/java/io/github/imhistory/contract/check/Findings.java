package io.github.imhistory.contract.check;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.KitError;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects findings, at most {@link #MAX_PER_RULE} of each rule (the rest are counted in one closing finding), in
 * the order found. The one sink every check writes to.
 *
 * <p>With the system property {@code imhistory.checkHomes=true} (set for the project's own tests) every finding is
 * checked against its rule's home: it must be made while a method declaring the rule ({@link Verifies}, or
 * {@link Attributes} with the rule {@link Declared} for that mechanism) is running, so a rule cannot quietly be
 * checked in a second place.
 */
public final class Findings {
    public static final int MAX_PER_RULE = 10;
    private static final boolean CHECK_HOMES = Boolean.getBoolean("imhistory.checkHomes");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final List<Finding> kept = new ArrayList<>();
    private final Map<RuleId, Integer> counts = new LinkedHashMap<>();

    public void add(RuleId rule, String message, RecordedRequest request) {
        add(rule, "", message, request);
    }

    public void add(RuleId rule, String where, String message, RecordedRequest request) {
        add(new Finding(rule, where, message, request));
    }

    public void add(Finding finding) {
        if (CHECK_HOMES) {
            requireHome(finding.rule());
        }
        int n = counts.merge(finding.rule(), 1, Integer::sum);
        if (n <= MAX_PER_RULE) {
            kept.add(finding);
        }
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public boolean has(RuleId rule) {
        return counts.containsKey(rule);
    }

    /** The findings kept, plus one "... and N more" per rule that had more than {@link #MAX_PER_RULE}. */
    public List<Finding> all() {
        List<Finding> out = new ArrayList<>(kept);
        counts.forEach((rule, n) -> {
            if (n > MAX_PER_RULE) {
                out.add(new Finding(rule, "", "... and " + (n - MAX_PER_RULE) + " more like these", null));
            }
        });
        return out;
    }

    /** Throws a {@link KitError} unless the innermost declaring method on the stack is {@code rule}'s home. */
    static void requireHome(RuleId rule) {
        Optional<String> problem = WALKER.walk(frames -> frames
                .map(f -> declaration(f.getDeclaringClass(), f.getMethodName(), f.getMethodType().parameterArray()))
                .filter(d -> d != null)
                .findFirst()
                .map(d -> d.allows(rule) ? "" : "a finding for " + rule + " was made in " + d.where()
                        + ", which is not its home (see " + Verifies.class.getSimpleName() + " and "
                        + Declared.class.getSimpleName() + ")")
                .or(() -> Optional.of("a finding for " + rule + " was made outside any declared check")));
        if (!problem.get().isEmpty()) {
            throw new KitError(problem.get());
        }
    }

    /** What a method declares, or null when it declares nothing. */
    private static Declaration declaration(Class<?> type, String name, Class<?>[] parameters) {
        Method m;
        try {
            m = type.getDeclaredMethod(name, parameters);
        } catch (NoSuchMethodException | SecurityException e) {
            return null; // constructors, lambdas' synthetic frames are never homes
        }
        Verifies v = m.getAnnotation(Verifies.class);
        Attributes a = m.getAnnotation(Attributes.class);
        if (v == null && a == null) {
            return null;
        }
        return new Declaration(type.getSimpleName() + "#" + name, rule -> (v != null && declares(v, rule))
                || (a != null && Declared.mechanism(rule, a.side()).filter(a.value()::equals).isPresent()));
    }

    /** Whether {@code v} names {@code rule}, itself or through a role of some API's profile. */
    public static boolean declares(Verifies v, RuleId rule) {
        Api[] apis = v.apis().length == 0 ? Api.values() : v.apis();
        return Arrays.asList(v.value()).contains(rule) || Arrays.stream(v.roles()).anyMatch(role -> Arrays.stream(apis)
                .anyMatch(api -> api.profile().rule(role).filter(rule::equals).isPresent()));
    }

    private record Declaration(String where, java.util.function.Predicate<RuleId> allows) {
        boolean allows(RuleId rule) {
            return allows.test(rule);
        }
    }
}
