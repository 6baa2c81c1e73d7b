package dev.bunting.adapter.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** One file the pages load, read once from the class path: its name in URLs, its media type and its bytes. */
record Asset(String name, String contentType, byte[] bytes) {

    static Asset read(String name, String resource) {
        try (InputStream in = Asset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's file " + resource + " is missing from the class path");
            }
            return new Asset(name, contentTypeOf(name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentTypeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("the dashboard serves no ." + extension + " file: " + name);
        };
    }
}
