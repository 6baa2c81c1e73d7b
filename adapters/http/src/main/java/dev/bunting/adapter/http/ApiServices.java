package dev.bunting.adapter.http;

import jakarta.inject.Inject;

/** What serving any route takes, whichever routes an {@link HttpApi} serves. */
final class ApiServices {

    final Authenticator authenticator;
    final Json json;
    final Responses responses;
    final ApiSettings settings;
    final RequestLog requestLog;

    @Inject
    ApiServices(
            Authenticator authenticator, Json json, Responses responses, ApiSettings settings, RequestLog requestLog) {
        this.authenticator = authenticator;
        this.json = json;
        this.responses = responses;
        this.settings = settings;
        this.requestLog = requestLog;
    }
}
