package io.plimsoll.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cataloger's small side files have their own cap, its database keeps the large one. */
class PerPathFileCapTest {

    @TempDir
    Path tmp;

    @Test
    void aFileOverItsPathsCapIsNotCollectedWhileTheDatabaseStillIs() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("db/side"));
        Files.write(root.resolve("db/packages"), new byte[100_000]);
        Files.writeString(root.resolve("db/side/small"), "amzn2-core");
        Files.writeString(root.resolve("db/side/large"), "x".repeat(5000));
        List<String> seen = new java.util.ArrayList<>();
        Cataloger cataloger = new Cataloger() {
            @Override
            public String name() {
                return "capped";
            }

            @Override
            public Predicate<String> wants() {
                return p -> p.startsWith("/db/");
            }

            @Override
            public long maxFileSize(String path) {
                return path.startsWith("/db/side/") ? 4096 : maxFileSize();
            }

            @Override
            public Result catalog(CatalogInput input) {
                seen.addAll(input.paths());
                return new Result(List.of(), List.of());
            }
        };
        DistroProbe none = DistroProbe.NONE;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("dir:" + root), ImageOptions.DEFAULT)) {
            new CatalogEngine(none, List.of(cataloger)).run(s, LayerWalker.defaults());
        }
        assertThat(seen).containsExactly("/db/packages", "/db/side/small");
    }
}
