package io.plimsoll.policy.gate.licenses;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.ids;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.pkg;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.gate.ImageContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicensesGateTest {

    final SpdxLicenses spdx = SpdxLicenses.get();

    @Test
    void theShippedListIsTheWholeSpdxList() {
        assertThat(spdx.size()).isGreaterThan(700);
        assertThat(spdx.normalise("mit")).contains("MIT");
        assertThat(spdx.normalise("Apache-2.0")).contains("Apache-2.0");
        assertThat(spdx.normalise("0BSD")).contains("0BSD");
    }

    @Test
    void packageSpellingsBecomeSpdxIds() {
        assertThat(spdx.normalise("GPL-3.0")).contains("GPL-3.0-only");
        assertThat(spdx.normalise("GPL-3.0+")).contains("GPL-3.0-or-later");
        assertThat(spdx.normalise("GPL-3")).contains("GPL-3.0-only");
        assertThat(spdx.normalise("GPL-3+")).contains("GPL-3.0-or-later");
        assertThat(spdx.normalise("GPLv2+")).contains("GPL-2.0-or-later");
        assertThat(spdx.normalise("LGPLv2.1")).contains("LGPL-2.1-only");
        assertThat(spdx.normalise("LGPL-2.1-or-later")).contains("LGPL-2.1-or-later");
        assertThat(spdx.normalise("Apache-2")).contains("Apache-2.0");
        assertThat(spdx.normalise("bsd-3-clause")).contains("BSD-3-Clause");
        assertThat(spdx.normalise("GNU General Public License v2.0 or later")).contains("GPL-2.0-or-later");
        assertThat(spdx.normalise("(MIT)")).contains("MIT");
        assertThat(spdx.normalise("Expat")).isEmpty();
        assertThat(spdx.normalise("public-domain")).isEmpty();
        assertThat(spdx.terms("GPLv2+ and LGPLv2+ and MIT")).containsExactly("GPLv2+", "LGPLv2+", "MIT");
        assertThat(spdx.terms("(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0"))
                .containsExactly("MIT", "Apache-2.0", "GPL-2.0-only");
        assertThat(spdx.terms("GNU General Public License v3.0 only")).hasSize(1);
    }

    @Test
    void sbomIdsAreOnlyIdsAsTheListSpellsThem() {
        assertThat(spdx.id("gpl-2.0-only")).contains("GPL-2.0-only");
        assertThat(spdx.id("GPL-2.0+")).contains("GPL-2.0+");
        assertThat(spdx.id("GPLv2+")).isEmpty();
        assertThat(spdx.id("GNU General Public License v2.0 or later")).isEmpty();
        assertThat(spdx.id("")).isEmpty();
    }

    static ImageContext image() {
        return context(inventory(TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP),
                Optional.empty(), List.of(
                        pkg("deb", "bash", "5.2", List.of("GPL-3"), List.of()),
                        pkg("deb", "libreadline8", "8.2", List.of("GPL-3+"), List.of()),
                        pkg("npm", "left-pad", "1.3.0", List.of("WTFPL OR MIT"), List.of()),
                        pkg("rpm", "glibc", "2.28", List.of("LGPLv2+ and LGPLv2+ with exceptions and GPLv2+"),
                                List.of()))));
    }

    @Test
    void exactMatchComparesSpdxIds() {
        ImageContext c = image();
        assertThat(ids(run("licenses", "blacklist_exact_match", c, params("licenses", "GPL-3.0"))))
                .containsExactly("GPL-3.0-only+bash");
        assertThat(ids(run("licenses", "blacklist_exact_match", c, params("licenses", "GPL-3.0-or-later,WTFPL"))))
                .containsExactly("GPL-3.0-or-later+libreadline8", "WTFPL+left-pad");
        assertThat(run("licenses", "blacklist_exact_match", c, params("licenses", "AGPL-3.0"))).isEmpty();
        assertThat(ids(run("licenses", "blacklist_exact_match", c, params("licenses", "GPL-3.0",
                "package_type", "npm")))).isEmpty();
    }

    @Test
    void partialMatchIsASubstringOfTheIdOrTheDeclaredName() {
        ImageContext c = image();
        assertThat(ids(run("licenses", "blacklist_partial_match", c, params("licenses", "GPL"))))
                .containsExactly("GPL-3.0-only+bash", "GPL-3.0-or-later+libreadline8", "LGPL-2.0-or-later+glibc",
                        "GPL-2.0-or-later+glibc"); // "LGPLv2+ with exceptions" is LGPLv2+ (exceptions dropped)
        assertThat(run("licenses", "blacklist_partial_match", c, params("licenses", "AGPL"))).isEmpty();
        assertThat(run("licenses", "blacklist_partial_match", c, params("licenses", "gpl", "package_type", "os")))
                .hasSize(4);
    }
}
