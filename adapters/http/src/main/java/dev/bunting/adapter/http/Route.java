package dev.bunting.adapter.http;

import java.util.Map;

/**
 * One operation of the API: method, path template, and what serves it.
 *
 * @param fromMemory the operation is answered from memory (prepared configs, static documents) and never waits on the
 *                   store once warm, so a transport may run it on an event-loop thread
 */
record Route(String method, PathPattern path, Handler handler, boolean fromMemory) {

    static Route of(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler, false);
    }

    static Route fromMemory(String method, String template, Handler handler) {
        return new Route(method, PathPattern.of(template), handler, true);
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
