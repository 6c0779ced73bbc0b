package dev.ponder.functions;

import static io.restassured.RestAssured.given;

import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One deployed function in its own process, as Lambda runs it: the packaged application with
 * {@code QUARKUS_FUNQY_EXPORT} set, polling its own Lambda Runtime API (Quarkus's mock event server) for events.
 * In JVM mode the runner jar runs under {@link LambdaJavaRuntime}; with {@code -Dnative.image.path} the native
 * executable polls by itself, as {@code bootstrap} does on {@code provided.al2023}.
 */
final class LambdaProcess implements AutoCloseable {

    /** A function that never answers fails the test instead of hanging it: cold start plus a stage's work. */
    private static final RestAssuredConfig TIMEOUT = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 60_000));

    final String function;
    private final MockEventServer runtimeApi;
    private final Process process;
    private final Path log;

    private LambdaProcess(String function, MockEventServer runtimeApi, Process process, Path log) {
        this.function = function;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
    }

    static LambdaProcess start(String function, Map<String, String> config) throws IOException {
        MockEventServer runtimeApi = new MockEventServer();
        runtimeApi.start(0);
        String nativeImage = System.getProperty("native.image.path", "");
        List<String> command = new ArrayList<>();
        if (nativeImage.isBlank()) {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("test.classes")
                            + File.pathSeparator + System.getProperty("functions.runner.jar")));
            config.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add(LambdaJavaRuntime.class.getName());
        } else {
            command.add(nativeImage);
            config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        }
        Path log = Path.of(System.getProperty("functions.log.dir", "target"), "lambda-" + function + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_FUNQY_EXPORT", function);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "localhost:" + runtimeApi.getPort()
                + MockEventServer.BASE_PATH);
        return new LambdaProcess(function, runtimeApi, builder.start(), log);
    }

    /** Invokes the function with an event and returns its response, as the event source mapping would. */
    String invoke(String event) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + function + " function exited; see " + log.toAbsolutePath());
        }
        return given().config(TIMEOUT).baseUri("http://localhost:" + runtimeApi.getPort())
                .contentType("application/json")
                .body(event)
                .when().post(MockEventServer.BASE_PATH)
                .then().statusCode(200)
                .extract().asString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        runtimeApi.close();
    }
}
