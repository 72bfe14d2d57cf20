package io.plimsoll.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageTypeTest {

    @Test
    void isThePurlTypeAsWritten() {
        assertThat(new PackageType("deb")).isEqualTo(PackageType.DEB);
        assertThat(PackageType.CARGO.toString()).isEqualTo("cargo");
        assertThat(PackageType.RPM.is("rpm")).isTrue();
        assertThat(PackageType.RPM.is("RPM")).isFalse();
        assertThat(new PackageType("c++").name()).isEqualTo("c++");
    }

    @Test
    void refusesWhatNoPurlCouldCarry() {
        for (String bad : new String[] {"", "Deb", "1abc", "a/b", "a b"}) {
            assertThatThrownBy(() -> new PackageType(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("malformed package type '" + bad
                            + "': expected a lower-case PURL type such as deb or npm");
        }
    }
}
