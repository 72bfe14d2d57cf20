package io.plimsoll.policy.gate.packages;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.Lookup;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code verify}: the files each package's database entry says it owns, checked against the image. A file that the
 * package owns but the image lacks is {@code missing} (links in the path are followed, so {@code /bin/ls} of a
 * merged-/usr image is found at {@code /usr/bin/ls}).
 *
 * <p>{@code changed} needs the digest the package manager recorded and the digest of the file in the image. The dpkg
 * and rpm catalogers keep only the owned paths ({@link Package#files()}), not the md5sums or FILEDIGESTS, and the
 * content scan hashes only files rules name; so no file is reported changed yet. {@code check: changed} is accepted
 * and finds nothing, which the trigger's description says.
 */
final class VerifyTrigger extends BaseTrigger {

    VerifyTrigger() {
        super("verify", "Check package integrity against the package db in the image: fires for files a package "
                + "owns that are missing from the image (changed content is not yet detected: package digests are "
                + "not recorded).", List.of(
                Param.listOf("only_packages", false, List.of(), "List of package names to limit verification."),
                Param.listOf("only_directories", false, List.of(),
                        "List of directories to limit checks so as to avoid checks on all dir."),
                Param.oneOf("check", false, List.of("changed", "missing"), "Check to perform instead of all.")));
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        Set<String> only = new HashSet<>(params.list("only_packages"));
        List<String> dirs = params.list("only_directories");
        Optional<String> check = params.string("check");
        if (check.isPresent() && !check.get().equals("missing")) {
            return List.of();
        }
        FileTree tree = image.inventory().walk().tree();
        List<TriggerHit> hits = new ArrayList<>();
        for (Package p : image.inventory().packages()) {
            if (!only.isEmpty() && !only.contains(p.name())) {
                continue;
            }
            for (String raw : p.files()) {
                String path = normalise(raw);
                if (!dirs.isEmpty() && dirs.stream().noneMatch(d -> path.startsWith(d))) {
                    continue;
                }
                if (!(tree.resolve(path) instanceof Lookup.Found) && tree.get(path).isEmpty()) {
                    hits.add(LegacyTriggerId.hit(PackagesGate.NAME, name(), "VERIFY check against package db for "
                            + "package '" + p.name() + "' failed on entry '" + path + "' with status: 'missing'"));
                }
            }
        }
        return hits;
    }

    /** dpkg lists the root as {@code /.}. */
    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.equals("/.") ? "/" : p;
    }
}
