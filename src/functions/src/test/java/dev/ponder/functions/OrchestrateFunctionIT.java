package dev.ponder.functions;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link OrchestrateFunctionTest} against the native executable ({@code -Dnative}): a JVM-mode Funqy Lambda starts
 * through its handler and has no main for {@code @QuarkusIntegrationTest} to run.
 */
@QuarkusIntegrationTest
@EnabledIfSystemProperty(named = "native.image.path", matches = ".+")
class OrchestrateFunctionIT extends OrchestrateFunctionTest {
}
