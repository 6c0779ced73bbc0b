package dev.ponder.functions;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link TriggerFunctionTest} against the native executable ({@code -Dnative}): the S3 client (XML protocol, the bucket
 * read) and the trigger's JSON in the image. A JVM-mode Funqy Lambda starts through its handler and has no main for
 * {@code @QuarkusIntegrationTest} to run.
 */
@QuarkusIntegrationTest
@EnabledIfSystemProperty(named = "native.image.path", matches = ".+")
class TriggerFunctionIT extends TriggerFunctionTest {
}
