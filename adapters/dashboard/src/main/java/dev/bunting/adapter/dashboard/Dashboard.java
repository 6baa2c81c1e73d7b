package dev.bunting.adapter.dashboard;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard and Swagger UI, as a browser asks for them: the app's page at {@code /}, Swagger UI at {@code /docs},
 * and the files both load under {@code /ui/<version>/}. The pages are never cached, so a reload finds a new release;
 * the files are named by a digest of their contents, so they are cached for a year. Every answer carries the strict
 * Content-Security-Policy that {@link Pages} describes. Everything is read from the class path once, when built.
 */
@Singleton
public final class Dashboard {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String NEVER_CACHED = "no-store";
    private static final String KEPT_FOR_A_YEAR = "public, max-age=31536000, immutable";

    private final Assets assets;
    private final Pages pages;
    private final String filesPrefix;

    @Inject
    public Dashboard() {
        this(Assets.fromClassPath());
    }

    Dashboard(Assets assets) {
        this.assets = assets;
        this.pages = new Pages(assets);
        this.filesPrefix = "/ui/" + assets.version() + "/";
    }

    /** The page or file at this path (still percent-encoded, without the query), or empty when it serves nothing there. */
    public Optional<StaticFile> serve(String path) {
        return switch (path) {
            case "/", "/index.html" -> Optional.of(page(pages.app()));
            case "/docs", "/docs/" -> Optional.of(page(pages.docs()));
            default -> file(path);
        };
    }

    /** The version that names the files: it changes whenever any of them does. */
    public String version() {
        return assets.version();
    }

    private Optional<StaticFile> file(String path) {
        if (!path.startsWith(filesPrefix)) {
            return Optional.empty();
        }
        return assets.named(path.substring(filesPrefix.length()))
                .map(asset -> answer(asset.contentType(), KEPT_FOR_A_YEAR, asset.bytes()));
    }

    private StaticFile page(String html) {
        return answer(HTML, NEVER_CACHED, html.getBytes(StandardCharsets.UTF_8));
    }

    private StaticFile answer(String contentType, String caching, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", caching);
        headers.put("Content-Security-Policy", pages.contentSecurityPolicy());
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        return new StaticFile(200, headers, body);
    }
}
