package io.plimsoll.ecosystem.rpm;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseKey;
import java.util.List;

/**
 * The rpm database and rpm's version order, shared by every rpm-based distribution; the feeds and match rules of
 * each distribution live in its own package ({@code redhat}).
 */
public final class RpmEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("rpm").os()
            .packageType("rpm", RpmVersionScheme.NAME)
            .schemes(new RpmVersionScheme())
            .catalogers(() -> List.of(new RpmCataloger()))
            // rpm-based distributions without a feed yet: their images are seen to lack data, keyed as they
            // publish security data (RHEL's rebuilds and Fedora per major release)
            .distros(DistroFamily.withoutFeed("centos", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("rocky", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("almalinux", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("ol", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("scientific", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("fedora", ReleaseKey.MAJOR),
                    DistroFamily.withoutFeed("mariner", ReleaseKey.MAJOR_MINOR),
                    DistroFamily.withoutFeed("azurelinux", ReleaseKey.MAJOR_MINOR),
                    DistroFamily.withoutFeed("opensuse-tumbleweed", ReleaseKey.ROLLING),
                    DistroFamily.withoutFeed("opensuse-leap", ReleaseKey.AS_WRITTEN),
                    DistroFamily.withoutFeed("sles", ReleaseKey.AS_WRITTEN),
                    DistroFamily.withoutFeed("amzn", ReleaseKey.AS_WRITTEN),
                    DistroFamily.withoutFeed("photon", ReleaseKey.AS_WRITTEN))
            .build();

    private RpmEcosystem() {
    }
}
