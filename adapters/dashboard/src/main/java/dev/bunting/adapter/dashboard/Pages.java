package dev.bunting.adapter.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The two HTML pages, and the policy they load under. The only inline script is the app's import map, which Chromium
 * will not take from a file; the policy allows it by its SHA-256 hash and allows every other script only from this
 * origin, so no injected or third-party script runs, and there is no {@code eval}. Styles come from files only.
 */
final class Pages {

    private final String app;
    private final String docs;
    private final String contentSecurityPolicy;

    Pages(Assets assets) {
        String importMap = "{\"imports\":{"
                + "\"preact\":\"" + assets.path("preact.js") + "\","
                + "\"preact/hooks\":\"" + assets.path("hooks.js") + "\","
                + "\"htm\":\"" + assets.path("htm.js") + "\"}}";
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self' '" + sha256(importMap) + "'; "
                + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        this.app = head("Bunting")
                // the import map comes before anything that loads a module, preloads included, or it is ignored
                + "<script type=\"importmap\">" + importMap + "</script>"
                + "<link rel=\"stylesheet\" href=\"" + assets.path("app.css") + "\">"
                + "<link rel=\"modulepreload\" href=\"" + assets.path("preact.js") + "\">"
                + "<link rel=\"modulepreload\" href=\"" + assets.path("hooks.js") + "\">"
                + "<link rel=\"modulepreload\" href=\"" + assets.path("htm.js") + "\">"
                + "<script type=\"module\" src=\"" + assets.path("app.js") + "\"></script>"
                + "</head><body><noscript><p>The dashboard needs JavaScript. The API is described at "
                + "<a href=\"/openapi.json\">/openapi.json</a> and <a href=\"/docs\">/docs</a>.</p></noscript>"
                + "<div id=\"app\"></div></body></html>";
        this.docs = head("Bunting API")
                + "<link rel=\"stylesheet\" href=\"" + assets.path("swagger-ui.css") + "\">"
                + "<script src=\"" + assets.path("swagger-ui-bundle.js") + "\" defer></script>"
                + "<script src=\"" + assets.path("docs.js") + "\" defer></script>"
                + "</head><body><main id=\"swagger-ui\"></main></body></html>";
    }

    private static String head(String title) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"color-scheme\" content=\"light dark\">"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<title>" + title + "</title>";
    }

    String app() {
        return app;
    }

    String docs() {
        return docs;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
