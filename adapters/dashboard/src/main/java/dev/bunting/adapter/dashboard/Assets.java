package dev.bunting.adapter.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every file the pages load, by the flat name they are served under, and the version that names them all: a digest of
 * their contents, so a browser may keep them as long as it likes, and a release that changes any of them changes every
 * URL.
 */
final class Assets {

    static final String OWN = "dev/bunting/adapter/dashboard/ui/";
    /** The dashboard's own modules and styles, in {@link #OWN}; a test checks this lists every file there. */
    static final List<String> OWN_FILES = List.of(
            "app.js",
            "api.js",
            "live.js",
            "ui.js",
            "flags.js",
            "flag.js",
            "archive.js",
            "rules.js",
            "playground.js",
            "audit.js",
            "settings.js",
            "experiments.js",
            "charts.js",
            "docs.js",
            "app.css");

    private final Map<String, Asset> byName;
    private final String version;

    private Assets(Map<String, Asset> byName) {
        this.byName = Map.copyOf(byName);
        this.version = digest(byName);
    }

    static Assets fromClassPath() {
        Properties libraries = libraryVersions();
        String preact = "META-INF/resources/webjars/preact/" + libraries.getProperty("preact") + "/";
        String htm = "META-INF/resources/_static/htm/" + libraries.getProperty("htm") + "/";
        String swagger = "META-INF/resources/webjars/swagger-ui/" + libraries.getProperty("swagger-ui") + "/";
        Map<String, Asset> files = new LinkedHashMap<>();
        add(files, "preact.js", preact + "dist/preact.module.js");
        add(files, "hooks.js", preact + "hooks/dist/hooks.module.js");
        add(files, "htm.js", htm + "dist/htm.module.js");
        add(files, "swagger-ui-bundle.js", swagger + "swagger-ui-bundle.js");
        add(files, "swagger-ui.css", swagger + "swagger-ui.css");
        for (String own : OWN_FILES) {
            add(files, own, OWN + own);
        }
        return new Assets(files);
    }

    private static void add(Map<String, Asset> files, String name, String resource) {
        files.put(name, Asset.read(name, resource));
    }

    private static Properties libraryVersions() {
        try (InputStream in = Assets.class
                .getClassLoader()
                .getResourceAsStream("dev/bunting/adapter/dashboard/libraries.properties")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's library versions are missing from the class path");
            }
            Properties versions = new Properties();
            versions.load(in);
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String version() {
        return version;
    }

    Optional<Asset> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The path a page loads this file from. */
    String path(String name) {
        if (!byName.containsKey(name)) {
            throw new IllegalArgumentException("no dashboard file is named " + name);
        }
        return "/ui/" + version + "/" + name;
    }

    private static String digest(Map<String, Asset> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, asset) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(asset.bytes());
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
