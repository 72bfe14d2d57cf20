package io.plimsoll.ecosystem.rpm;

import io.plimsoll.ecosystem.Ecosystem;
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
            .build();

    private RpmEcosystem() {
    }
}
