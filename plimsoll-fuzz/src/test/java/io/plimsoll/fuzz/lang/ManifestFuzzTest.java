package io.plimsoll.fuzz.lang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.ecosystem.dotnet.DotnetCataloger;
import io.plimsoll.ecosystem.golang.GoModCataloger;
import io.plimsoll.ecosystem.java.GradleLockfileCataloger;
import io.plimsoll.ecosystem.php.ComposerCataloger;
import io.plimsoll.ecosystem.rust.CargoLockCataloger;
import java.util.List;
import java.util.function.Supplier;

/**
 * The other language files with one cataloger each: PHP composer.lock and installed.json, Rust Cargo.lock, Go
 * go.mod with its go.sum (after a NUL byte), .NET deps.json and packages.lock.json, and Gradle's lockfile.
 */
class ManifestFuzzTest {

    /** A file and the cataloger that reads it; with a sibling, the content after the first NUL byte is that file. */
    record Kind(String path, Supplier<Cataloger> cataloger, String sibling) {
        Kind(String path, Supplier<Cataloger> cataloger) {
            this(path, cataloger, null);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("/app/composer.lock", ComposerCataloger::new),
            new Kind("/app/vendor/composer/installed.json", ComposerCataloger::new),
            new Kind("/app/Cargo.lock", CargoLockCataloger::new),
            new Kind("/src/app/go.mod", GoModCataloger::new, "/src/app/go.sum"),
            new Kind("/app/App.deps.json", DotnetCataloger::new),
            new Kind("/app/packages.lock.json", DotnetCataloger::new),
            new Kind("/app/gradle.lockfile", GradleLockfileCataloger::new));

    static final List<String> PATHS = KINDS.stream().map(Kind::path).toList();

    @FuzzTest
    void manifest(byte[] input) {
        Kind kind = KINDS.get(PATHS.indexOf(OneFile.path(input, PATHS)));
        byte[] content = OneFile.content(input);
        OneFile.catalog(kind.cataloger().get(), kind.sibling() == null ? FilesInput.of(kind.path(), content)
                : OneFile.pair(kind.path(), kind.sibling(), content));
    }
}
