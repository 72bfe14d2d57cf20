package io.plimsoll.ecosystem.php;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import java.util.List;
import java.util.Map;

/**
 * One Composer package as composer.lock or installed.json states it.
 *
 * @param name     {@code vendor/name}, which Composer keeps lower case
 * @param version  as Composer records it ({@code 1.3.0}, {@code v1.8.1}, {@code dev-main})
 * @param metadata {@code dev}, {@code type}, {@code reference} (the commit or dist reference), {@code homepage}
 */
record ComposerPackage(String name, String version, List<String> licenses, Map<String, String> metadata) {

    ComposerPackage {
        licenses = List.copyOf(licenses);
        metadata = Map.copyOf(metadata);
    }

    /** {@code pkg:composer/vendor/name@version}: the vendor is the PURL namespace. */
    Package toPackage(String foundBy, String location) {
        int slash = name.indexOf('/');
        String purl = slash > 0
                ? Purls.of("composer", name.substring(0, slash), name.substring(slash + 1), version, Map.of())
                : Purls.of("composer", null, name, version, Map.of());
        return new Package("composer", name, version, "", name, version, licenses, purl, List.of(), foundBy, location,
                null, metadata);
    }
}
