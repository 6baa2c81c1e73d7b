package dev.bunting.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation custom resource's request, and its answer: CloudFormation waits, up to an hour, for a JSON document
 * PUT to the pre-signed S3 URL it sent, so every request must be answered, failures included.
 */
record CloudFormationRequest(
        String requestType, URI responseUrl, String stackId, String requestId, String logicalResourceId) {

    /** One resource, whatever the deploy: a changed physical id would make CloudFormation ask to delete the old one. */
    static final String PHYSICAL_RESOURCE_ID = "bunting-database-schema";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 1_000;

    /** @return the request, if the event is one; a direct invocation is not */
    static Optional<CloudFormationRequest> from(Map<String, Object> event) {
        if (event == null
                || !(event.get("ResponseURL") instanceof String url)
                || !(event.get("RequestType") instanceof String type)) {
            return Optional.empty();
        }
        return Optional.of(new CloudFormationRequest(
                type,
                URI.create(url),
                text(event, "StackId"),
                text(event, "RequestId"),
                text(event, "LogicalResourceId")));
    }

    boolean isDelete() {
        return "Delete".equals(requestType);
    }

    void succeed(Map<String, String> data) {
        answer("SUCCESS", "done", data);
    }

    void fail(String reason) {
        answer("FAILED", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, Map.of());
    }

    /** S3 checks the signature of the URL, which covers no content type, so none is sent. */
    private void answer(String status, String reason, Map<String, String> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", status);
        body.put("Reason", reason);
        body.put("PhysicalResourceId", PHYSICAL_RESOURCE_ID);
        body.put("StackId", stackId);
        body.put("RequestId", requestId);
        body.put("LogicalResourceId", logicalResourceId);
        body.put("Data", data);
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(responseUrl)
                            .timeout(Duration.ofSeconds(30))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("CloudFormation's response URL answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer CloudFormation", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }

    private static String text(Map<String, Object> event, String name) {
        return event.get(name) instanceof String value ? value : null;
    }
}
