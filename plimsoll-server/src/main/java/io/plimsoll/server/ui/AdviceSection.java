package io.plimsoll.server.ui;

import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.advice.UpgradeTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The image page's fix advice, worded as {@code plimsoll advise} words it: per vulnerable package the smallest
 * upgrade no advisory affects, what it clears, whether the package came with the base image or a layer of the
 * image's own, and the ecosystem's command; then the packages the data names no fix for.
 *
 * @param base how the base image was told (annotations, history, or not at all)
 */
public record AdviceSection(boolean shown, String summary, String base, List<Upgrade> upgrades, List<NoFix> noFix) {

    static final AdviceSection NONE = new AdviceSection(false, "", "", List.of(), List.of());

    /** One package with an upgrade target. */
    public record Upgrade(String name, String type, String installed, String target, String clears,
                          String clearedIds, String stillAffectedBy, String nearestFix, String origin, String where,
                          String command) {
    }

    /** One vulnerable package without a fixed version in the data. */
    public record NoFix(String name, String installed, String ids, String origin, String where) {
    }

    static AdviceSection of(Advice advice) {
        List<Upgrade> upgrades = new ArrayList<>();
        List<NoFix> noFix = new ArrayList<>();
        for (PackageAdvice p : advice.packages()) {
            String origin = p.origin().base().map(b -> b ? "base image" : "own layer").orElse("unknown");
            if (p.target().isEmpty()) {
                noFix.add(new NoFix(p.pkg().name(), p.pkg().version(), String.join(" ", p.findings().stream()
                        .map(f -> f.advisory().id()).toList()), origin, p.origin().action()));
                continue;
            }
            UpgradeTarget t = p.target().get();
            upgrades.add(new Upgrade(p.pkg().name(), p.pkg().type(), p.pkg().version(), t.version(),
                    t.clears().size() + " of " + p.findings().size(), String.join(" ", t.clears()),
                    String.join(" ", t.remaining()), p.nearestFix().filter(n -> !n.equals(t.version())).orElse(""),
                    origin, p.origin().action(), p.command().orElse("")));
        }
        return new AdviceSection(true, advice.summary(), base(advice.base()), List.copyOf(upgrades),
                List.copyOf(noFix));
    }

    private static String base(BaseImage b) {
        if (b.how().equals("unknown")) {
            return "unknown: the image names no base (annotation) and its history shows no boundary";
        }
        String name = b.name().or(b::digest).orElse("unnamed");
        return name + ", " + b.layers().stream().mapToObj(n -> "the first " + n + " layer" + (n == 1 ? "" : "s"))
                .findFirst().orElse("its layers unknown") + " (told by its " + b.how() + ")";
    }
}
