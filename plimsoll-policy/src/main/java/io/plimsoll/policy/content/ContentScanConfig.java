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

    /**
     * Kernel and device trees (empty in images, and never configuration), and the distribution's documentation,
     * manuals, translations, time zones and licence texts: packaged prose from upstream, where key-shaped examples
     * abound and a deployment's secret does not live. Test-fixture directories are deliberately NOT skipped: a
     * private key under {@code tests/} is as extractable as any other, and Anchore's own allowlists name such files
     * one by one (their trigger ids are stable for that); add {@code /**}{@code /test/**} here to skip them.
     */
    public static final List<String> DEFAULT_ALLOW_PATHS = List.of("/proc/**", "/sys/**", "/dev/**",
            "/usr/share/doc/**", "/usr/share/man/**", "/usr/share/info/**", "/usr/share/locale/**",
            "/usr/share/i18n/**", "/usr/share/zoneinfo/**", "/usr/share/common-licenses/**", "/usr/share/licenses/**");

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
