package io.github.imhistory.kit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scenarios a test's tenants hold (bundled IDs, classpath resources or file paths). On a test method it replaces
 * the class's scenarios; on an injected parameter it picks the tenant of that scenario, loading it for the test if
 * the method did not name it.
 */
@Target({ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ImHistoryScenario {
    String[] value();
}
