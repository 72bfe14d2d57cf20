package io.plimsoll.server.ui;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UI's static files: its own stylesheet and script, and uPlot from its webjar. Only these names are served, so
 * a path can never reach another class-path resource.
 */
final class Assets {

    private record Asset(String resource, String contentType) {
    }

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, Asset> FILES = Map.of(
            "app.css", new Asset("ui/assets/app.css", "text/css; charset=utf-8"),
            "app.js", new Asset("ui/assets/app.js", "text/javascript; charset=utf-8"),
            "favicon.svg", new Asset("ui/assets/favicon.svg", "image/svg+xml"),
            "uPlot.min.css", new Asset(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"),
            "uPlot.iife.min.js", new Asset(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    void serve(Exchange ex) {
        String name = ex.param("name");
        Asset a = FILES.get(name);
        if (a == null) {
            throw ApiException.notFound("no asset " + name);
        }
        byte[] body = loaded.computeIfAbsent(name, n -> load(a.resource()));
        Pages.secure(ex);
        ex.header("Cache-Control", "max-age=3600");
        ex.respond(200, a.contentType(), body);
    }

    private static byte[] load(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the build: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
