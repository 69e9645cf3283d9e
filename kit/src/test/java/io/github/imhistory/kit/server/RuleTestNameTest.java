package io.github.imhistory.kit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.imhistory.contract.Rule;
import io.github.imhistory.contract.RuleCatalog;
import org.junit.jupiter.api.Test;

class RuleTestNameTest {

    @Test
    void everyServerRuleNameCarriesIdLevelAndScenarioAndParsesBack() {
        for (Rule rule : RuleCatalog.bundled().bindingServer()) {
            String name = RuleTestName.format(rule, "c2c-equal-timestamps-page-boundary");
            assertThat(name).startsWith(rule.displayName() + " ").endsWith(" (c2c-equal-timestamps-page-boundary)");
            assertThat(RuleTestName.parse(name)).hasValue(new RuleTestName(rule.id(), rule.level().name(),
                    rule.basis().json(), "c2c-equal-timestamps-page-boundary"));
        }
    }

    @Test
    void longStatementsAreShortenedAtAWordAndOtherNamesDoNotParse() {
        Rule rule = RuleCatalog.bundled().get("C2C-PAGE-008");
        assertThat(RuleTestName.format(rule, "x")).isEqualTo(
                "C2C-PAGE-008 [MUST, inferred] A continuation returns only messages that come strictly before… (x)");
        assertThat(RuleTestName.parse("serverConformance(SuiteConfiguration)[3][2]")).isEmpty();
        assertThat(RuleTestName.parse("C2C-PAGE-008 [MUST] no basis (x)")).isEmpty();
    }
}
