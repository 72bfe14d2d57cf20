package io.plimsoll.bench;

import io.plimsoll.app.IndexService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.PolicyPacks;
import io.plimsoll.policy.content.ContentScanner;
import io.plimsoll.policy.eval.BundleValidator;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.PolicyEvaluator;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A whole policy evaluation of a 1,000-package image: the root filesystem (dpkg status with 1,000 packages, account
 * files, setuid files) is cataloged once with the content scan, 1,500 vulnerability findings are made up, and the
 * default pack plus every real Anchore DoD policy (when ../shared is present) is evaluated, median of many runs.
 */
public final class PolicyEvalBench {

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("plimsoll-policy-bench");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nsshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            status.append("Package: pkg").append(i).append("\nStatus: install ok installed\nArchitecture: amd64\n")
                    .append("Source: src").append(i / 2).append("\nVersion: 1.").append(i % 7).append("-1\n\n");
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), status);
        ContentScanner scanner = new ContentScanner();
        Inventory inventory;
        try (ImageSource source = ImageSources.open(ImageReferences.parse("dir:" + root), ImageOptions.DEFAULT)) {
            inventory = IndexService.standard().inventory(source, new LayerWalker(2, ImageLimits.DEFAULT),
                    List.of(scanner));
        }
        List<Finding> findings = new ArrayList<>();
        Severity[] levels = Severity.values();
        for (int i = 0; i < 1500; i++) {
            Package p = inventory.packages().get(i % inventory.packages().size());
            Advisory a = new Advisory("CVE-2024-" + (10000 + i), "debian", List.of(), "", "", Optional.empty(),
                    Optional.empty(), List.of(), "", levels[i % levels.length], List.of());
            boolean fixed = i % 3 == 0;
            findings.add(new Finding(p, "debian:12", p.sourceName(), p.sourceVersion(), a,
                    fixed ? AffectedStatus.FIXED : AffectedStatus.AFFECTED, fixed ? List.of("9.9-1") : List.of(),
                    levels[i % levels.length], "debian", List.of(new Cvss("3.1", "", (i % 100) / 10.0, "nvd")),
                    Optional.empty(), Optional.empty(), "debian"));
        }
        List<BundleReader.Source> sources = new ArrayList<>(List.of(PolicyPacks.source("default").orElseThrow()));
        Path dod = Path.of(System.getProperty("plimsoll.shared", "../shared"), "policies/anchore/policies");
        int policies = 1;
        if (Files.isDirectory(dod)) {
            for (String f : List.of("DoDFileChecks", "DoDEffectiveUserChecks", "DoDDockerfileChecks",
                    "DoDTransferProtocolChecks", "DoDSoftwareChecks")) {
                ValidatedBundle extra = new BundleValidator().validate(
                        BundleReader.strict().read(dod.resolve(f + ".json")), false);
                policies++;
                evaluateAndReport(f, extra, inventory, findings, scanner);
            }
        }
        ValidatedBundle bundle = new BundleValidator().validate(BundleReader.strict().readSources(sources), false);
        evaluateAndReport("default pack", bundle, inventory, findings, scanner);
        System.out.printf("(%d packages, %d findings, %d policies)%n", inventory.packages().size(), findings.size(),
                policies);
    }

    private static void evaluateAndReport(String name, ValidatedBundle bundle, Inventory inventory,
                                          List<Finding> findings, ContentScanner scanner) {
        DataFreshness data = DataFreshness.of(Path.of("vuln.db"), List.of(), List.of(), Duration.ofDays(3), Instant.now());
        ImageContext ctx = new ImageContext(ImageName.parse("registry.example.com/team/app:1.0"), inventory, findings,
                data, scanner.findings(), Optional.empty(), Instant.now());
        PolicyEvaluator evaluator = new PolicyEvaluator();
        Evaluation e = null;
        for (int i = 0; i < 30; i++) {
            e = evaluator.evaluate(bundle, ctx);
        }
        long[] nanos = new long[50];
        for (int i = 0; i < nanos.length; i++) {
            long s = System.nanoTime();
            e = evaluator.evaluate(bundle, ctx);
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf("policy evaluation, %s: median %.2f ms, p90 %.2f ms (%d hits, %s)%n", name,
                nanos[25] / 1e6, nanos[45] / 1e6, e.hits().size(), e.finalAction());
    }
}
