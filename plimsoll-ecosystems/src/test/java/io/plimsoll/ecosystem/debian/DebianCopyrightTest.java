package io.plimsoll.ecosystem.debian;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebianCopyrightTest {

    private static String[] of(String syftFixture) throws Exception {
        Path p = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/debian/testdata/copyright/" + syftFixture);
        return DebianCopyright.licenses(Files.readAllBytes(p)).toArray(String[]::new);
    }

    @Test
    void dep5FieldsAndCommonLicenseReferences() throws Exception {
        assertThat(of("libc6")).containsExactly("GPL-2", "LGPL-2.1");
        assertThat(of("trilicense")).containsExactly("GPL-2", "LGPL-2.1", "MPL-1.1");
        assertThat(of("liblzma5")).contains("GPL-2", "GPL-2+", "LGPL-2.1+", "PD", "PD-debian", "Autoconf")
                .doesNotContain("Permission");
    }

    @Test
    void proseIsNotALicense() {
        String text = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\n"
                + "License: Permission is hereby granted, free of charge\n\nFiles: debian/*\nLicense: GPL-2+ with OpenSSL exception\n"
                + "\nSee /usr/share/common-licenses/Apache-2.0.\n";
        assertThat(DebianCopyright.licenses(text.getBytes(StandardCharsets.UTF_8))).containsExactly("Apache-2.0", "GPL-2+");
    }

    @Test
    void fieldsStartLinesOfAnyEndingAndRunToTheirEnd() {
        String text = "License: GPL-2\r\nLicense: MIT or Apache-2.0\rLicense:BSD-3-clause\n"
                + " License: indented-is-a-continuation\nXLicense: not-a-field\n"
                // a value runs to \r or \n, over a Unicode line separator, as the DEP-5 reader before it did
                + "License: odd\u2028License: hidden\n"
                + "see /usr/share/common-licenses/GPL-3. and /usr/share/common-licenses/.hidden";
        assertThat(DebianCopyright.licenses(text.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("Apache-2.0", "BSD-3-clause", "GPL-2", "GPL-3", "MIT");
    }
}
