package dev.ponder.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What AWS's Java runtime does with function.zip, in a test process: put the runner jar and its {@code lib/} on the
 * class path, create the handler of {@code sam.jvm.yaml} ({@link FunqyStreamHandler}), and loop over the Lambda
 * Runtime API at {@code AWS_LAMBDA_RUNTIME_API}: take the next event, hand it to the handler, post the response or
 * the error. {@code QUARKUS_FUNQY_EXPORT} picks the function, as on Lambda.
 */
public final class LambdaJavaRuntime {

    private LambdaJavaRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
        HttpClient http = HttpClient.newHttpClient();
        RequestStreamHandler handler = new FunqyStreamHandler();
        while (true) {
            HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create(api + "next")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String outcome = "/response";
            try {
                handler.handleRequest(new ByteArrayInputStream(next.body()), out, new TestContext(id));
            } catch (Exception e) {
                out.reset();
                out.writeBytes(("{\"errorType\":\"" + e.getClass().getName() + "\",\"errorMessage\":\""
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
                outcome = "/error";
            }
            http.send(HttpRequest.newBuilder(URI.create(api + id + outcome))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private record TestContext(String requestId) implements Context {

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "ponder-" + System.getenv("QUARKUS_FUNQY_EXPORT");
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 900_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
