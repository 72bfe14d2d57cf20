package io.plimsoll.policy.content;

import java.util.List;
import java.util.Set;

/**
 * What the content scan reads and looks for.
 *
 * @param rules         secret rules ({@link SecretRules#all()} by default)
 * @param contentRegexes named regexes for the {@code files} gate's {@code content_regex_match}; none by default
 * @param maxFileSize   larger files are not scanned (named in {@code skipped}); 10 MiB by default
 * @param allowPaths    globs of paths never scanned (see {@link #DEFAULT_ALLOW_PATHS})
 * @param checksumPaths exact paths whose SHA-256 is wanted, whatever their size or content
 */
public record ContentScanConfig(List<SecretRule> rules, List<ContentRegex> contentRegexes, long maxFileSize,
                                List<String> allowPaths, Set<String> checksumPaths) {

    public static final long DEFAULT_MAX_FILE_SIZE = 10L << 20;

    /** Folder names packages keep test data and examples under. */
    private static final String TEST_NAMES = "test,tests,testing,testdata,test_data,test-data,testsuite,"
            + "test_vectors,test-vectors,test_fixtures,test-fixtures,idle_test,example,examples";

    /**
     * Kernel and device trees (empty in images, and never configuration), and the distribution's documentation,
     * manuals, translations, time zones and licence texts: packaged prose from upstream, where key-shaped examples
     * abound and a deployment's secret does not live.
     */
    public static final List<String> SYSTEM_AND_DOCUMENTATION_PATHS = List.of("/proc/**", "/sys/**", "/dev/**",
            "/usr/share/doc/**", "/usr/share/man/**", "/usr/share/info/**", "/usr/share/locale/**",
            "/usr/share/i18n/**", "/usr/share/zoneinfo/**", "/usr/share/common-licenses/**", "/usr/share/licenses/**",
            "/usr/local/share/doc/**", "/usr/local/share/man/**", "/usr/share/ri/**");

    /**
     * The documentation and test fixtures of installed language packages: a Python distribution's
     * {@code METADATA}/{@code PKG-INFO} (its README, e.g. PyJWT's example token), the rdoc and ri a gem installs,
     * node packages' Markdown, and the test folders packages ship: CPython's {@code test} package
     * ({@code keycert.pem} and friends), {@code tests}/{@code test_vectors} of site-packages (Twisted's
     * {@code server.pem}, pycryptodome's key vectors, which Anchore's published allowlists name one by one), a
     * gem's {@code test}/{@code spec}, Perl's {@code t}, Go modules' {@code testdata}. Their keys are public test
     * vectors, published with the package, not the deployment's secrets.
     *
     * <p>Only folders under the places package managers install to are skipped: an application's own
     * {@code /app/test/.env} or {@code /srv/app/tests/id_rsa} is still scanned, as are an installed package's code
     * and configuration. Add {@code --secrets-allow-path} for an application's fixtures.
     */
    public static final List<String> PACKAGE_DOCUMENTATION_AND_TEST_PATHS = List.of(
            // any package's test and example folders (and Perl's t) where the FHS puts installed software; not
            // /usr/src, where images build their applications, nor /opt, /srv, /app, /home
            "/usr/{lib*,share,local/lib*,local/share}/**/{" + TEST_NAMES + ",t}/**",
            // Python outside /usr (a virtualenv, /opt/conda): site-packages' tests; distributions' README metadata
            "/**/lib*/python[0-9]*/**/{" + TEST_NAMES + "}/**",
            "/**/{site,dist}-packages/*.{dist-info/METADATA,egg-info/PKG-INFO,egg-info}",
            // Ruby: a gem's test and spec folders, and the rdoc and ri of GEM_HOME/doc
            "/**/gems/*/{" + TEST_NAMES + ",spec,doc}/**",
            // Node: installed packages' tests, and their Markdown (READMEs with example tokens)
            "/**/node_modules/**/{" + TEST_NAMES + ",__tests__}/**",
            "/**/node_modules/**/*.md",
            // Go: the module cache's testdata
            "/**/pkg/mod/**/testdata/**");

    /**
     * What is never scanned by default: {@link #SYSTEM_AND_DOCUMENTATION_PATHS} and
     * {@link #PACKAGE_DOCUMENTATION_AND_TEST_PATHS}. A secret in there is skipped like any allow-path; the scan's
     * other uses of those files (checksums, account files) are not affected.
     */
    public static final List<String> DEFAULT_ALLOW_PATHS = java.util.stream.Stream.concat(
            SYSTEM_AND_DOCUMENTATION_PATHS.stream(), PACKAGE_DOCUMENTATION_AND_TEST_PATHS.stream()).toList();

    public static final ContentScanConfig DEFAULT = new ContentScanConfig(SecretRules.all(), List.of(),
            DEFAULT_MAX_FILE_SIZE, DEFAULT_ALLOW_PATHS, Set.of());

    public ContentScanConfig {
        rules = List.copyOf(rules);
        contentRegexes = List.copyOf(contentRegexes);
        allowPaths = List.copyOf(allowPaths);
        checksumPaths = Set.copyOf(checksumPaths);
        if (maxFileSize < 1 || maxFileSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileSize must be between 1 byte and 2 GiB (a file is scanned in "
                    + "one array)");
        }
    }

    /**
     * Everything of this configuration that decides what the scan reports, as text: a memo of what the scan learnt
     * from a layer is only valid under the same fingerprint. Rules' prechecks and checks are code, named by the
     * build that shipped them, not here.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("content-scan/1\n");
        for (SecretRule r : rules) {
            sb.append("rule ").append(r.name()).append(' ').append(r.keywords()).append(' ')
                    .append(r.pattern().flags()).append(' ').append(r.pattern().pattern()).append(' ').append(r.span())
                    .append(' ').append(r.minEntropy()).append(' ').append(r.generic()).append(' ')
                    .append(r.anchoreRegex().orElse("")).append('\n');
        }
        for (ContentRegex c : contentRegexes) {
            sb.append("regex ").append(c.name()).append(' ').append(c.pattern().flags()).append(' ')
                    .append(c.pattern().pattern()).append('\n');
        }
        sb.append("max ").append(maxFileSize).append('\n');
        allowPaths.forEach(p -> sb.append("allow ").append(p).append('\n'));
        new java.util.TreeSet<>(checksumPaths).forEach(p -> sb.append("checksum ").append(p).append('\n'));
        return sb.toString();
    }

    public ContentScanConfig withRules(List<SecretRule> r) {
        return new ContentScanConfig(r, contentRegexes, maxFileSize, allowPaths, checksumPaths);
    }

    public ContentScanConfig withContentRegexes(List<ContentRegex> c) {
        return new ContentScanConfig(rules, c, maxFileSize, allowPaths, checksumPaths);
    }

    public ContentScanConfig withMaxFileSize(long bytes) {
        return new ContentScanConfig(rules, contentRegexes, bytes, allowPaths, checksumPaths);
    }

    public ContentScanConfig withAllowPaths(List<String> globs) {
        return new ContentScanConfig(rules, contentRegexes, maxFileSize, globs, checksumPaths);
    }

    public ContentScanConfig withChecksumPaths(Set<String> paths) {
        return new ContentScanConfig(rules, contentRegexes, maxFileSize, allowPaths, paths);
    }
}
