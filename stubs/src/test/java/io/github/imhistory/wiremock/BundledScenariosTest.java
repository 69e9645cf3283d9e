package io.github.imhistory.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lazy loading finds a scenario by its file name; that only works while every file is named after its ID. */
class BundledScenariosTest {
    @Test
    void everyScenarioFileIsNamedAfterItsId() {
        assertThat(BundledScenarios.paths()).isNotEmpty().allSatisfy(path ->
                assertThat(BundledScenarios.read(path).path("id").asText()).as(path).isEqualTo(BundledScenarios.idOf(path)));
    }
}
