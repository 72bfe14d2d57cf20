package io.plimsoll.ecosystem;

import io.plimsoll.ecosystem.alpine.ApkVersionScheme;
import io.plimsoll.ecosystem.debian.DebianVersionScheme;
import io.plimsoll.ecosystem.golang.GoVersionScheme;
import io.plimsoll.ecosystem.java.MavenVersionScheme;
import io.plimsoll.ecosystem.npm.SemverVersionScheme;
import io.plimsoll.ecosystem.python.Pep440VersionScheme;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.ecosystem.ruby.GemVersionScheme;
import io.plimsoll.model.version.VersionScheme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionSchemesTest {

    @Test
    void findsEachSchemeByItsName() {
        assertThat(VersionSchemes.byName("deb")).get().isInstanceOf(DebianVersionScheme.class);
        assertThat(VersionSchemes.byName("rpm")).get().isInstanceOf(RpmVersionScheme.class);
        assertThat(VersionSchemes.byName("apk")).get().isInstanceOf(ApkVersionScheme.class);
        assertThat(VersionSchemes.byName("pep440")).get().isInstanceOf(Pep440VersionScheme.class);
        assertThat(VersionSchemes.byName("gem")).get().isInstanceOf(GemVersionScheme.class);
        assertThat(VersionSchemes.byName("maven")).get().isInstanceOf(MavenVersionScheme.class);
        assertThat(VersionSchemes.byName("semver")).get().isInstanceOf(SemverVersionScheme.class);
        assertThat(VersionSchemes.byName("go")).get().isInstanceOf(GoVersionScheme.class);
    }

    @Test
    void knowsNothingElse() {
        assertThat(VersionSchemes.byName("dpkg")).isEmpty();
        assertThat(VersionSchemes.byName("DEB")).isEmpty();
        assertThat(VersionSchemes.byName("")).isEmpty();
    }

    @Test
    void namesAreUnique() {
        assertThat(VersionSchemes.all()).extracting(VersionScheme::name).doesNotHaveDuplicates()
                .contains("deb", "rpm", "apk")
                .contains("pep440", "gem");
    }
}
