package io.plimsoll.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistroTest {

    @Test
    void normalisesNullsAndCase() {
        Distro d = new Distro("RHEL", null, null, null, null, null);
        assertThat(d.id()).isEqualTo("rhel");
        assertThat(d.versionId()).isEmpty();
        assertThat(d.idLike()).isEmpty();
    }

    @Test
    void purlQualifierGivesDebiansMajorReleaseAndOthersAsWritten() {
        assertThat(new Distro("debian", "12.5", "", "", "", List.of()).purlQualifier()).isEqualTo("debian-12");
        assertThat(new Distro("alpine", "3.19.1", "", "", "", List.of()).purlQualifier()).isEqualTo("alpine-3.19.1");
        assertThat(new Distro("arch", "", "", "", "", List.of()).purlQualifier()).isEqualTo("arch");
    }
}
