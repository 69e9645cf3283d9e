package io.github.imhistory.contract.check;

import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one method that checks a rule: the rule's home. Findings of a rule may only be made while its home
 * runs (tests enforce it, see {@link Findings}), so "where is GRP-PAGE-001 checked?" has one answer: the method
 * carrying it here. Rules that are not checked by a method of their own are declared in {@link Declared}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Verifies {
    /** The rules this method checks. */
    RuleId[] value() default {};

    /** Roles whose rule (per API, {@link ApiProfile#rule}) this method checks. */
    ApiProfile.Role[] roles() default {};

    /** The APIs whose role rules this method checks; empty for all. */
    Api[] apis() default {};

    /** Whose behaviour the method judges. */
    Side side();
}
