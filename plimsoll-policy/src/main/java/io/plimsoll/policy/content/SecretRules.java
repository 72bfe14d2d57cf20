package io.plimsoll.policy.content;

import io.plimsoll.policy.content.SecretRule.Check;
import io.plimsoll.policy.content.SecretRule.Keyword;
import io.plimsoll.policy.content.SecretRule.Precheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in secret rules. Five carry the names of Anchore's default {@code secret_search} regexes
 * ({@code AWS_ACCESS_KEY}, {@code AWS_SECRET_KEY}, {@code PRIV_KEY}, {@code DOCKER_AUTH}, {@code API_KEY}), so
 * bundles that name them and allowlists of their trigger ids work unchanged; the rest are Plimsoll's.
 *
 * <p>Each rule is tighter than a bare regex, and each choice against false alarms is the rule's own:
 * <ul>
 * <li>Key formats ({@code AWS_ACCESS_KEY}, GitHub, GitLab, Slack, Stripe): the issuer's prefix, alphabet and length,
 *     not inside a longer base64 run; the tokens also need 3 bits a character of entropy, so {@code ghp_xxxx…}
 *     placeholders fail.</li>
 * <li>{@code AWS_SECRET_KEY}, {@code AZURE_*}: 40/88/44 base64 characters only after their key name and an
 *     operator (keyword context), with an entropy floor.</li>
 * <li>{@code PRIV_KEY}: a PEM private-key header followed by a key body, never public keys, certificates or a
 *     header alone in code that looks for one.</li>
 * <li>{@code JWT}: the header must decode to JSON naming an {@code alg}; {@code GCP_SERVICE_ACCOUNT_KEY}: the
 *     file must also say {@code "type": "service_account"} and hold a {@code private_key};
 *     {@code DOCKER_AUTH}: the value must decode to {@code user:password}.</li>
 * <li>The generic {@code PASSWORD} and {@code API_KEY} judge a value by its context: an assignment to a field so
 *     named, a value of 8 (20) characters or more, entropy of 2.5 (3.5) bits a character, and not a placeholder
 *     ({@code changeme}, {@code example}, {@code your_…}, {@code xxxx}, …), reference ({@code ${X}},
 *     {@code %(x)s}), path, URL, name in code (identifiers, types, {@code Mod::Class}, {@code --options}) or list
 *     of choices ({@code true|false}). They give way to a specific rule's hit on the same value, and in the
 *     documentation of source files ({@link SourceSyntax}).</li>
 * </ul>
 * Which files are read at all is {@link ContentScanConfig#DEFAULT_ALLOW_PATHS}'s choice.
 */
public final class SecretRules {

    private SecretRules() {
    }

    private static final int LINE = 512;

    /** What a password's value never starts with: a reference, a path, a template, or nothing (end of line). */
    private static final String NOT_A_VALUE = "$%{<#@/~.*&\r\n";

    public static final SecretRule AWS_ACCESS_KEY = new SecretRule("AWS_ACCESS_KEY",
            "AWS access key id (AKIA…, ASIA… temporary, ABIA/ACCA): 20 characters of base32",
            List.of(Keyword.exact("AKIA", 1), Keyword.exact("ASIA", 1), Keyword.exact("ABIA", 1),
                    Keyword.exact("ACCA", 1)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9+/])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9+/])"), 20, 0,
            Check.NONE, false,
            Optional.of("(?i).*aws_access_key_id( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9]).*"));

    public static final SecretRule AWS_SECRET_KEY = new SecretRule("AWS_SECRET_KEY",
            "AWS secret access key: 40 base64 characters assigned to aws_secret_access_key, SecretAccessKey, …",
            List.of(Keyword.anyCase("aws_secret", 1), Keyword.anyCase("awssecret", 1),
                    Keyword.anyCase("secret_access_key", 2), Keyword.anyCase("secretaccesskey", 2)),
            Precheck.assignment(16, 40, ""), Pattern.compile("(?i)(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)[\"']?[ \\t]*(?::=|=>|=|:)"
                    + "[ \\t]*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"), LINE, 3.0, Check.NONE, false,
            Optional.of("(?i).*aws_secret_access_key( *=+ *).*(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}"
                    + "(?![A-Za-z0-9/+=]).*"));

    public static final SecretRule PRIV_KEY = new SecretRule("PRIV_KEY",
            "PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP) with a key body",
            List.of(Keyword.exact("-----BEGIN ", 4)),
            SecretRules::privateKeyFollows, Pattern.compile("-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----[ \\t]*"
                    + "\\r?\\n(?:[ \\t]*[A-Za-z][A-Za-z0-9-]{0,40}:[^\\r\\n]{0,200}\\r?\\n){0,6}(?:[ \\t]*\\r?\\n)?"
                    + "[ \\t]*([A-Za-z0-9+/=]{32,80})"), 2048, 0, Check.NONE, false,
            Optional.of("(?i)-+BEGIN(.*)PRIVATE KEY-+"));

    public static final SecretRule DOCKER_AUTH = new SecretRule("DOCKER_AUTH",
            "registry credentials in a Docker config.json: \"auth\": base64 of user:password",
            List.of(Keyword.exact("\"auth\"", 4)),
            Precheck.assignment(0, 8, ""), Pattern.compile("\"auth\"[ \\t]*:[ \\t]*\"([A-Za-z0-9+/]{4,2048}={0,2})\""), 2100, 0,
            (value, m, text) -> isUserColonPassword(value), false,
            Optional.of("(?i).*\"auth\": *\".+\""));

    public static final SecretRule API_KEY = new SecretRule("API_KEY",
            "a key of 20 to 64 characters assigned to api_key, api-key, apiKey, X-API-Key; not placeholders or names "
                    + "in code, nor in source files' documentation",
            List.of(Keyword.anyCase("api_key", 2), Keyword.anyCase("api-key", 2), Keyword.anyCase("apikey", 2)),
            Precheck.assignment(20, 20, ""), Pattern.compile("(?i)api[_-]?key[A-Za-z0-9_.-]{0,20}[\"']?[ \\t]*(?::=|=>|=(?!=)|:(?!:))[ \\t]*[\"']?"
                    + "([A-Za-z0-9_\\-]{20,64})(?![A-Za-z0-9_\\-])"), LINE, 3.5,
            (value, m, text) -> looksLikeSecret(value), true,
            Optional.of("(?i).*api(-|_)key( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20,60}(?![A-Z0-9]).*"));

    public static final SecretRule GCP_SERVICE_ACCOUNT_KEY = new SecretRule("GCP_SERVICE_ACCOUNT_KEY",
            "Google Cloud service-account key file: \"type\": \"service_account\" with a private_key",
            List.of(Keyword.exact("private_key_id", 10)),
            Precheck.NONE, Pattern.compile("private_key_id\"[ \\t]*:[ \\t]*\"([0-9a-f]{40})\""), 80, 0,
            SecretRules::isServiceAccountKey, false, Optional.empty());

    public static final SecretRule AZURE_STORAGE_KEY = new SecretRule("AZURE_STORAGE_KEY",
            "Azure storage account key (AccountKey=… of a connection string): 88 base64 characters",
            List.of(Keyword.anyCase("accountkey", 6)),
            Precheck.assignment(0, 86, ""), Pattern.compile("(?i)accountkey[\"']?[ \\t]*[=:][ \\t]*[\"']?([A-Za-z0-9+/]{86}==)"), LINE, 4.0,
            Check.NONE, false, Optional.empty());

    public static final SecretRule AZURE_SHARED_ACCESS_KEY = new SecretRule("AZURE_SHARED_ACCESS_KEY",
            "Azure Service Bus / Event Hubs / IoT SharedAccessKey=… of a connection string: 44 base64 characters",
            List.of(Keyword.anyCase("sharedaccesskey", 11)),
            Precheck.assignment(0, 43, ""), Pattern.compile("(?i)sharedaccesskey[ \\t]*=[ \\t]*([A-Za-z0-9+/]{43}=)"), LINE, 4.0,
            Check.NONE, false, Optional.empty());

    public static final SecretRule GITHUB_TOKEN = new SecretRule("GITHUB_TOKEN",
            "GitHub token: personal (ghp_), OAuth (gho_), app (ghs_, ghu_, ghr_), fine-grained (github_pat_)",
            List.of(Keyword.exact("ghp_", 0), Keyword.exact("gho_", 0), Keyword.exact("ghs_", 0),
                    Keyword.exact("ghu_", 0), Keyword.exact("ghr_", 0), Keyword.exact("github_pat_", 3)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9_])(?:(gh[pousr]_[A-Za-z0-9]{36,76})|(github_pat_[A-Za-z0-9]{22}_"
                    + "[A-Za-z0-9]{59}))(?![A-Za-z0-9_])"), 100, 3.0, Check.NONE, false, Optional.empty());

    public static final SecretRule GITLAB_TOKEN = new SecretRule("GITLAB_TOKEN",
            "GitLab personal access token (glpat-)",
            List.of(Keyword.exact("glpat-", 0)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"), 80, 3.0,
            Check.NONE, false, Optional.empty());

    public static final SecretRule SLACK_TOKEN = new SecretRule("SLACK_TOKEN",
            "Slack bot, user, app, refresh or session token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)",
            List.of(Keyword.exact("xoxa-", 0), Keyword.exact("xoxb-", 0), Keyword.exact("xoxp-", 0),
                    Keyword.exact("xoxr-", 0), Keyword.exact("xoxs-", 0)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9_-])(xox[abprs]-(?:[0-9]{1,15}-){1,3}[A-Za-z0-9]{20,64})"
                    + "(?![A-Za-z0-9-])"), 140, 3.0, Check.NONE, false, Optional.empty());

    public static final SecretRule SLACK_WEBHOOK = new SecretRule("SLACK_WEBHOOK",
            "Slack incoming webhook URL (hooks.slack.com/services/T…/B…/…)",
            List.of(Keyword.exact("hooks.slack.com/", 6)),
            Precheck.NONE, Pattern.compile("hooks\\.slack\\.com/services/(T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})"
                    + "(?![A-Za-z0-9])"), 120,
            0, (value, m, text) -> Secrets.entropy(value.substring(value.lastIndexOf('/') + 1)) >= 3.0, false,
            Optional.empty());

    public static final SecretRule STRIPE_KEY = new SecretRule("STRIPE_KEY",
            "Stripe live secret or restricted key (sk_live_, rk_live_)",
            List.of(Keyword.exact("sk_live_", 1), Keyword.exact("rk_live_", 1)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9_])([sr]k_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])"), 260, 3.0,
            Check.NONE, false, Optional.empty());

    public static final SecretRule JWT = new SecretRule("JWT",
            "JSON Web Token: three base64url parts, the header JSON with an \"alg\"",
            List.of(Keyword.exact("eyJ", 1)),
            Precheck.NONE, Pattern.compile("(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,1000}\\.[A-Za-z0-9_-]{2,8000}\\."
                    + "[A-Za-z0-9_-]{20,1000})(?![A-Za-z0-9_.=-])"), 10_100, 0,
            (value, m, text) -> isJwtHeader(value.substring(0, value.indexOf('.'))), false, Optional.empty());

    public static final SecretRule PASSWORD = new SecretRule("PASSWORD",
            "a password or secret assigned in code or configuration (password=, passwd:, secret=, <password>…); "
                    + "not placeholders, references, names in code or choice lists, nor in source files' documentation",
            List.of(Keyword.anyCase("password", 3), Keyword.anyCase("passwd", 3), Keyword.anyCase("passphrase", 4),
                    Keyword.anyCase("secret", 2)),
            Precheck.assignment(30, 8, NOT_A_VALUE), Pattern.compile("(?i)(?:password|passwd|passphrase|secret)[A-Za-z0-9_.-]{0,30}"
                    + "(?:[\"']?[ \\t]*(?::=|=>|=(?!=)|:(?!:))[ \\t]*"
                    + "(?:\"([^\"\\s\\\\]{8,128})\"|'([^'\\s\\\\]{8,128})'"
                    + "|([^\\s\"'`;,&(){}\\[\\]<>]{8,128})(?=[ \\t]*(?:[;,&\\r\\n]|\\z)))"
                    // an element's content, <password>…</password>; not a name:value in HTML text
                    + "|>[ \\t]*([^<\\s]{8,128})[ \\t]*</)"),
            LINE, 2.5, (value, m, text) -> looksLikeSecret(value), true, Optional.empty());

    /** Every built-in rule. */
    public static List<SecretRule> all() {
        return List.of(AWS_ACCESS_KEY, AWS_SECRET_KEY, PRIV_KEY, DOCKER_AUTH, API_KEY, GCP_SERVICE_ACCOUNT_KEY,
                AZURE_STORAGE_KEY, AZURE_SHARED_ACCESS_KEY, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN, SLACK_WEBHOOK,
                STRIPE_KEY, JWT, PASSWORD);
    }

    /** A built-in rule by name. */
    public static Optional<SecretRule> named(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static final byte[] PRIVATE_KEY = "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII);

    /** {@code -----BEGIN } is followed by {@code PRIVATE KEY} within a type name ({@code ENCRYPTED }). */
    private static boolean privateKeyFollows(byte[] b, int length, int end) {
        int last = Math.min(length - PRIVATE_KEY.length, end + 10);
        for (int i = end; i <= last; i++) {
            if (java.util.Arrays.equals(b, i, i + PRIVATE_KEY.length, PRIVATE_KEY, 0, PRIVATE_KEY.length)) {
                return true;
            }
        }
        return false;
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    /** Words that mark a value as an example, a default to be changed, or a pointer to the real secret. */
    private static final List<String> PLACEHOLDERS = List.of("changeme", "change_me", "change-me", "changeit",
            "example", "placeholder", "dummy", "redacted", "your_", "your-", "yourpass", "xxxx", "****", "....",
            "password", "passwd", "secret", "todo", "fixme", "replace", "insert", "notset", "not_set", "undefined",
            "sample", "default", "123456", "qwerty", "letmein", "abcdef",
            "anonymous"); // anonymous FTP's conventional password ("anonymous@", an e-mail address)

    /** Names in code: a value that is one is a variable, a call or a constant, not a password. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "_*[a-z]+(?:[_.-][a-z0-9]+)*"                     // snake_case, kebab-case, dotted.lower, _private
            + "|_*[a-z]+(?:[A-Z][a-z0-9]*)+(?:\\.[A-Za-z_][A-Za-z0-9_]*)*" // camelCase, this.fieldName
            + "|_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"               // UPPER_SNAKE: an environment variable's name
            + "|(?:[A-Z][A-Z0-9]*)?(?:[A-Z][a-z]{2,}[0-9]*){2,}"   // PascalCase: a class or type (V1ObjectMeta)
            + "|[A-Za-z_][A-Za-z0-9_]*(?:(?:\\.|::)[A-Za-z_][A-Za-z0-9_]*)+" // self.pass, Mod::Class (Ruby, Perl)
            + "|[A-Za-z_][A-Za-z0-9_.]*\\[[A-Za-z0-9_.,\\[\\] ]*\\]"      // a type: list[V1ObjectReference]
            + "|-{1,2}[a-z]+(?:[_-][a-z0-9]+)*");                   // a command-line option: --with-passphrase

    /** {@code true|false}, {@code none|ssh|token}: the choices a setting takes, as documentation lists them. */
    private static final Pattern ALTERNATIVES = Pattern.compile("[A-Za-z0-9_.-]+(?:\\|[A-Za-z0-9_.-]+)+");

    /**
     * Whether an assigned value reads like a secret rather than code or documentation: not a placeholder, not a
     * variable reference ({@code ${DB_PASS}}, {@code $PASS}, {@code %(pass)s}, {@code {{ .Values.pass }}}), not a
     * path, URL, identifier, type or option name, nor a list of choices ({@code true|false}), and mixing at least two
     * kinds of character.
     */
    static boolean looksLikeSecret(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String p : PLACEHOLDERS) {
            if (lower.contains(p)) {
                return false;
            }
        }
        char first = value.charAt(0);
        if (first == '$' || first == '%' || first == '{' || first == '<' || first == '#' || first == '@'
                || first == '/' || first == '~' || first == '.' || first == '*' || first == '&'
                || value.contains("${") || value.contains("{{") || value.contains("%(") || value.contains("://")) {
            return false;
        }
        if (IDENTIFIER.matcher(value).matches() || ALTERNATIVES.matcher(value).matches()) {
            return false;
        }
        int kinds = 0;
        kinds += value.chars().anyMatch(c -> c >= 'a' && c <= 'z') ? 1 : 0;
        kinds += value.chars().anyMatch(c -> c >= 'A' && c <= 'Z') ? 1 : 0;
        kinds += value.chars().anyMatch(c -> c >= '0' && c <= '9') ? 1 : 0;
        kinds += value.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        return kinds >= 2;
    }

    /** Docker's {@code auth} is base64 of {@code user:password}; anything else is not a credential. */
    static boolean isUserColonPassword(String value) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
            int c = decoded[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
            if (c == ':' && colon < 0) {
                colon = i;
            }
        }
        return colon > 0 && colon < decoded.length - 1;
    }

    /** A JWT header is base64url JSON naming its algorithm: {@code {"alg":"HS256","typ":"JWT"}}. */
    static boolean isJwtHeader(String part) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8).trim();
            return json.startsWith("{") && json.endsWith("}") && ALG.matcher(json).find();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"");

    private static final Pattern SA_TYPE = Pattern.compile("\"type\"[ \\t\\r\\n]*:[ \\t\\r\\n]*\"service_account\"");
    private static final Pattern SA_KEY = Pattern.compile("\"private_key\"[ \\t\\r\\n]*:[ \\t\\r\\n]*\"-----BEGIN");
    /** A service-account file is about 2.3 KB; its fields may come in any order. */
    private static final int SA_WINDOW = 4096;

    private static boolean isServiceAccountKey(String value, java.util.regex.Matcher m, CharSequence text) {
        int from = Math.max(0, m.start() - SA_WINDOW);
        int to = Math.min(text.length(), m.end() + SA_WINDOW);
        return SA_TYPE.matcher(text).region(from, to).find() && SA_KEY.matcher(text).region(from, to).find();
    }
}
