package dev.bunting.adapter.http;

import java.util.Map;

/** One operation of the API: method, path template, and what serves it. */
record Route(String method, PathPattern path, Handler handler) {

    static Route of(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler);
    }

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(Call call);
    }

    /** A matched request: the request, its path variables, and the tools handlers share. */
    record Call(ApiRequest request, Map<String, String> pathVariables, Json json) {
        String path(String name) {
            return pathVariables.get(name);
        }
    }
}
