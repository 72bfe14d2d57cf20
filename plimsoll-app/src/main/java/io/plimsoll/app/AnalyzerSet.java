package io.plimsoll.app;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Digest;
import io.plimsoll.policy.content.ContentScanner;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A name for "what the CLI's walk asks of a layer and what it makes of it": the distro probe, every registered
 * cataloger and the secret scanner, with the build that shipped them. The layer cache files its recordings under
 * it, so a new cataloger, a new release, or (for a developer) a rebuilt jar starts from an empty cache instead of
 * replaying what older code wanted.
 */
public final class AnalyzerSet {

    /** Bump to drop every cached layer when an analyzer changes behaviour within one build. */
    static final int REVISION = 1;

    private AnalyzerSet() {
    }

    /** The registered analyzers' name, for a build of version {@code version}. */
    public static String standard(String version) {
        List<Class<?>> classes = new ArrayList<>();
        classes.add(Ecosystems.distroProbe().getClass());
        for (Cataloger c : Ecosystems.catalogers()) {
            classes.add(c.getClass());
        }
        classes.add(ContentScanner.class);
        return of(version, classes);
    }

    static String of(String version, List<Class<?>> analyzers) {
        StringBuilder sb = new StringBuilder("plimsoll-analyzers/").append(REVISION).append('/').append(version)
                .append('\n');
        Set<String> builds = new TreeSet<>();
        for (Class<?> c : analyzers) {
            sb.append(c.getName()).append('\n');
            builds.add(build(c));
        }
        builds.forEach(b -> sb.append(b).append('\n'));
        return Digest.sha256Of(sb.toString().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    }

    /** Where a class was loaded from and when that jar (or class) was written: a rebuild is another build. */
    private static String build(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return type.getName() + "@unknown";
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(p)) {
                p = p.resolve(type.getName().replace('.', '/') + ".class");
            }
            return p + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (URISyntaxException | IllegalArgumentException | java.io.IOException
                 | java.nio.file.FileSystemNotFoundException e) {
            return source.getLocation() + "@unknown";
        }
    }
}
