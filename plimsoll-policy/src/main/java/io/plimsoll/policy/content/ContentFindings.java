package io.plimsoll.policy.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the content scan learnt while the layers streamed, for the files in the final image: secret and content
 * regex matches, the text of the account files, and SHA-256 digests of the files a policy asked about.
 *
 * @param secrets        hits of the secret rules ({@code secret_scans} gate)
 * @param regexMatches   hits of the content regexes ({@code files} gate's {@code content_regex_match})
 * @param accountFiles   {@code /etc/passwd}, {@code /etc/group}, {@code /etc/shadow} text, when present
 * @param sha256         path → hex digest, for files a rule asked to checksum
 * @param skipped        files not scanned and why (binary, too large), for the report
 */
public record ContentFindings(List<ContentHit> secrets, List<ContentHit> regexMatches,
                              Map<String, String> accountFiles, Map<String, String> sha256, List<String> skipped) {

    public static final ContentFindings NONE = new ContentFindings(List.of(), List.of(), Map.of(), Map.of(), List.of());

    public ContentFindings {
        secrets = List.copyOf(secrets);
        regexMatches = List.copyOf(regexMatches);
        accountFiles = Map.copyOf(accountFiles);
        sha256 = Map.copyOf(sha256);
        skipped = List.copyOf(skipped);
    }

    public Optional<String> accountFile(String path) {
        return Optional.ofNullable(accountFiles.get(path));
    }
}
