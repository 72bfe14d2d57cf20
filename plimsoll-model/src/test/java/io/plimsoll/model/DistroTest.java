package io.plimsoll.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DistroTest {

    @Test
    void normalisesNullsAndCase() {
        Distro d = new Distro("RHEL", null, null, null, null, null);
        assertThat(d.id()).isEqualTo("rhel");
        assertThat(d.versionId()).isEmpty();
        assertThat(d.idLike()).isEmpty();
    }
}
