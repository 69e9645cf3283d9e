package io.github.imhistory.contract.check;

import io.github.imhistory.contract.Side;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that reports findings under rules chosen by data rather than by the code: a wrong error code under
 * the rules the error catalogue lists for the due code, or a difference from the engine's answer under the rules a
 * scenario names. Only rules {@link Declared} to be verified by that {@link Declared.Mechanism} may be reported there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Attributes {
    Declared.Mechanism value();

    Side side();
}
