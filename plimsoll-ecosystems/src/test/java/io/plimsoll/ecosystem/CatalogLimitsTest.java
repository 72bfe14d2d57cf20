package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.debian.DpkgStatusParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits a front end chooses ({@link CatalogLimits#use}) are the ones every parser then reads with. */
class CatalogLimitsTest {

    @AfterEach
    void restore() {
        CatalogLimits.use(CatalogLimits.DEFAULT);
    }

    @Test
    void chosenLimitsReachTheLineParsersAndTheJacksonOnes() throws Exception {
        byte[] status = ("Package: a\nStatus: install ok installed\nVersion: 1\n\n"
                + "Package: b\nStatus: install ok installed\nVersion: 1\n\n"
                + "Package: c\nStatus: install ok installed\nVersion: 1\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] lock = ("{\"packages\": [" + "{\"name\": \"vendor/pkg\", \"version\": \"1.0.0\"},".repeat(20)
                + "{}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(DpkgStatusParser.parse("status", status).packages()).hasSize(3);
        assertThat(Documents.json("composer.lock", lock).path("packages").size()).isEqualTo(21);
        assertThat(StructuredText.json("composer.lock", lock).path("packages").size()).isEqualTo(21);

        CatalogLimits.use(CatalogLimits.DEFAULT.withMaxPackagesPerFile(2).withMaxDocumentBytes(lock.length - 1));
        ParseResult<?> cut = DpkgStatusParser.parse("status", status);
        assertThat(cut.packages()).hasSize(2);
        assertThat(cut.warnings().toString()).contains("more than 2");
        assertThatThrownBy(() -> Documents.json("composer.lock", lock)).isInstanceOf(PackageDbException.class)
                .hasMessageContaining("composer.lock");
        assertThatThrownBy(() -> StructuredText.json("composer.lock", lock)).isInstanceOf(PackageDbException.class)
                .hasMessageContaining("composer.lock");
    }
}
