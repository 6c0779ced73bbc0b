package dev.ponder.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LambdaApiTest} against the native executable (-Dnative, in CI). */
@QuarkusIntegrationTest
class LambdaApiIT extends LambdaApiTest {
}
