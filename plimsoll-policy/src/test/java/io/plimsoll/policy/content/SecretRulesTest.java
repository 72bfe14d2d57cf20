package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRulesTest {

    private static final TextScanner SCANNER = new TextScanner(SecretRules.all());
    private static final KeyPair RSA = Planted.rsa();

    static List<TextScanner.Hit> scan(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SCANNER.scan(b, b.length);
    }

    private static List<String> rules(String text) {
        return scan(text).stream().map(TextScanner.Hit::rule).toList();
    }

    /** The rules that fire on {@code text} as the file {@code path}. */
    private static List<String> rules(String path, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SCANNER.scan(b, b.length, path).stream().map(TextScanner.Hit::rule).toList();
    }

    @Test
    void awsAccessKeyIdAndSecretInACredentialsFile() {
        String text = "[default]\n"
                + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                + "region = eu-west-1\n";
        assertThat(scan(text)).containsExactly(
                new TextScanner.Hit("AWS_ACCESS_KEY", 2, text.indexOf("AKIA"), "AKIA************MPLE"),
                new TextScanner.Hit("AWS_SECRET_KEY", 3, text.indexOf("wJal"),
                        "wJal********************************EKEY"));
    }

    @Test
    void awsKeysInEnvironmentFilesJsonAndTemporaryCredentials() {
        assertThat(rules("export AWS_SECRET_ACCESS_KEY=\"" + Planted.base64(1, 40) + "\"\n"))
                .containsExactly("AWS_SECRET_KEY");
        assertThat(rules("{\"AccessKeyId\": \"ASIAY34FZKBOKMUTVV7A\", \"SecretAccessKey\": \""
                + Planted.base64(2, 40) + "\"}")).containsExactly("AWS_ACCESS_KEY", "AWS_SECRET_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "key = AKIAIOSFODNN7EXAMPL\n",            // 19 characters
        "key = AKIAIOSFODNN7EXAMPLE1\n",          // 21
        "key = AKIAIOSFODNN7EXAMP01\n",           // 0 and 1 are not base32
        "blob = dGhpcyBpcyBub3QgYSBrZXkAKIAIOSFODNN7EXAMPLEbm90IGEga2V5IGVpdGhlcg==\n", // inside base64
        "aws_secret_access_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", // placeholder: no entropy
        "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n",
    })
    void awsNearMisses(String text) {
        assertThat(scan(text)).isEmpty();
    }

    @Test
    void privateKeysOfEveryPemKind() {
        String pkcs8 = Planted.pem("PRIVATE KEY", RSA.getPrivate().getEncoded());
        String body = pkcs8.split("\n")[1];
        assertThat(scan("# deploy key\n" + pkcs8)).containsExactly(new TextScanner.Hit("PRIV_KEY", 2,
                "# deploy key\n-----BEGIN PRIVATE KEY-----\n".length(), Secrets.mask(body)));
        assertThat(rules(pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"))).containsExactly("PRIV_KEY");
        assertThat(rules(pkcs8.replace("PRIVATE KEY", "EC PRIVATE KEY"))).containsExactly("PRIV_KEY");
        assertThat(rules(pkcs8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"))).containsExactly("PRIV_KEY");
        String openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\r\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\r\n"
                + "QyNTUxOQAAACB7qA2h8+fOe6XQ0dbhkHg2U5fR3nKXn3G0a8mN3WcFQAAAAJgT0n5kE9J+\r\n"
                + "-----END OPENSSH PRIVATE KEY-----\r\n";
        assertThat(rules(openssh)).containsExactly("PRIV_KEY");
        String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,2A4E1B9C3D5F7A8B0C1D2E3F4A5B6C7D\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(rules(legacyEncrypted)).containsExactly("PRIV_KEY");
        String yaml = "tls:\n  key: |\n    -----BEGIN EC PRIVATE KEY-----\n    " + body + "\n";
        assertThat(rules(yaml)).containsExactly("PRIV_KEY");
    }

    @Test
    void publicKeysCertificatesAndHeadersWithoutABodyAreNotPrivateKeys() {
        assertThat(scan(Planted.pem("PUBLIC KEY", RSA.getPublic().getEncoded()))).isEmpty();
        assertThat(scan(Planted.pem("RSA PUBLIC KEY", RSA.getPublic().getEncoded()))).isEmpty();
        assertThat(scan(Planted.pem("CERTIFICATE", RSA.getPublic().getEncoded()))).isEmpty();
        assertThat(scan("ssh-rsa " + Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded()) + " me@host\n"))
                .isEmpty();
        assertThat(scan("    if line.startswith(\"-----BEGIN RSA PRIVATE KEY-----\"):\n        return True\n"))
                .isEmpty();
        assertThat(scan("PEM_HEADER = '-----BEGIN PRIVATE KEY-----'\n")).isEmpty();
    }

    @Test
    void gcpServiceAccountKeyFileIsOneFinding() {
        assertThat(scan(Planted.gcpServiceAccount(RSA))).containsExactly(new TextScanner.Hit(
                "GCP_SERVICE_ACCOUNT_KEY", 4, Planted.gcpServiceAccount(RSA).indexOf("3f1c9e"),
                "3f1c********************************9f0a2b4c6d8e".substring(0, 4) + "*".repeat(32) + "6d8e"));
        // the same fields in a client config that holds no key
        assertThat(scan("{\"type\": \"service_account\", \"private_key_id\": \"3f1c9e0a7b2d4c6e8f0a1b3c5d7e9f0a2b4c6d8e\"}"))
                .isEmpty();
    }

    @Test
    void azureConnectionStrings() {
        String storage = "DefaultEndpointsProtocol=https;AccountName=payments;AccountKey=" + Planted.base64(3, 86)
                + "==;EndpointSuffix=core.windows.net\n";
        assertThat(rules(storage)).containsExactly("AZURE_STORAGE_KEY");
        String bus = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                + "SharedAccessKey=" + Planted.base64(4, 43) + "=\n";
        assertThat(rules(bus)).containsExactly("AZURE_SHARED_ACCESS_KEY");
        assertThat(scan("AccountKey=<your-account-key>;AccountName=payments\n")).isEmpty();
    }

    @Test
    void githubGitlabSlackStripeTokens() {
        String ghp = "ghp_" + Planted.alnum(5, 36);
        assertThat(scan("GITHUB_TOKEN=" + ghp + "\n")).extracting(TextScanner.Hit::rule, TextScanner.Hit::masked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GITHUB_TOKEN", "ghp_" + "*".repeat(32)
                        + ghp.substring(36)));
        for (String prefix : List.of("gho_", "ghs_", "ghu_", "ghr_")) {
            assertThat(rules("token: " + prefix + Planted.alnum(6, 36))).containsExactly("GITHUB_TOKEN");
        }
        assertThat(rules("url = https://x-access-token:github_pat_" + Planted.alnum(7, 22) + "_" + Planted.alnum(8, 59)
                + "@github.com/acme/app.git")).containsExactly("GITHUB_TOKEN");
        assertThat(rules("CI_TOKEN=glpat-" + Planted.alnum(9, 20))).containsExactly("GITLAB_TOKEN");
        assertThat(rules("SLACK_BOT_TOKEN=xoxb-2739584820-5927384756123-" + Planted.alnum(10, 24)))
                .containsExactly("SLACK_TOKEN");
        assertThat(rules("webhook: https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/" + Planted.alnum(11, 24)))
                .containsExactly("SLACK_WEBHOOK");
        assertThat(rules("stripe.api_key = \"sk_live_" + Planted.alnum(12, 24) + "\"")).containsExactly("STRIPE_KEY");
        assertThat(rules("STRIPE_RESTRICTED=rk_live_" + Planted.alnum(13, 99))).containsExactly("STRIPE_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        "GITHUB_TOKEN=ghp_1234567890abcdefghijABCDEFGHIJ12345\n", // 35 characters
        "CI_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx\n",
        "SLACK_BOT_TOKEN=xoxb-your-token-here\n",
        "url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
        "STRIPE_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n",
        "STRIPE_KEY=sk_live_\n",
    })
    void tokenNearMisses(String text) {
        assertThat(scan(text)).isEmpty();
    }

    @Test
    void jwtWithAnAlgorithmInItsHeader() {
        String token = Planted.jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"svc-payments\",\"iat\":1700000000,\"scope\":\"admin\"}");
        assertThat(rules("Authorization: Bearer " + token + "\n")).containsExactly("JWT");
        assertThat(scan("t=" + token).get(0).masked()).startsWith("eyJh").endsWith(token.substring(token.length() - 4));
        String noAlg = Planted.jwt("{\"kid\":\"k1\",\"typ\":\"JWT\"}", "{\"sub\":\"x\"}");
        assertThat(scan("token=" + noAlg + "\n")).isEmpty();
        assertThat(scan("data:application/json;base64,eyJuYW1lIjoiYWNtZSIsInZlcnNpb24iOiIxLjAuMCJ9\n")).isEmpty();
    }

    @Test
    void dockerConfigAuth() {
        String auth = Base64.getEncoder().encodeToString("deploy:S3cr3t-Regi5try!".getBytes(StandardCharsets.UTF_8));
        String config = "{\n  \"auths\": {\n    \"registry.acme.io\": {\n      \"auth\": \"" + auth + "\"\n    }\n  }\n}\n";
        assertThat(scan(config)).extracting(TextScanner.Hit::rule, TextScanner.Hit::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DOCKER_AUTH", 4));
        assertThat(scan("{\"auths\": {\"ghcr.io\": {\"auth\": \"\"}}, \"credsStore\": \"desktop\"}")).isEmpty();
        assertThat(scan("{\"auth\": \"dGVzdA==\"}")).isEmpty(); // "test": no user:password
    }

    @Test
    void passwordAssignmentsInConfigurationAndCode() {
        assertThat(scan("DB_PASSWORD=Zx9$kL2#qW8!vN4m\n")).extracting(TextScanner.Hit::rule, TextScanner.Hit::masked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PASSWORD", "Zx9$********vN4m"));
        assertThat(rules("spring.datasource.password: Tr0ub4dor&3x\n")).containsExactly("PASSWORD");
        assertThat(rules("    \"password\": \"q7Hv2LmX9pRt\",\n")).containsExactly("PASSWORD");
        assertThat(rules("SECRET_KEY = 'k#8s!2nd@x9-0v^q1w$e7r%t'\n")).containsExactly("PASSWORD");
        assertThat(rules("Server=db;Database=shop;User Id=sa;Password=Pa55w0rd!2024;\n")).containsExactly("PASSWORD");
        assertThat(rules("<password>hT7#kq29Lmv</password>\n")).containsExactly("PASSWORD");
        assertThat(rules("client_secret => \"d8F3kq0ZpW7xYt2R\"\n")).containsExactly("PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "password=changeme\n",
        "password: ${DB_PASSWORD}\n",
        "passwd: $PASS\n",
        "password = request.form['password']\n",
        "password = self.password\n",
        "if password == stored_password:\n",
        "password: \"{{ .Values.db.password }}\"\n",
        "\"password\": \"\",\n",
        "<input type=\"password\" name=\"password\" autocomplete=\"current-password\">\n",
        "PASSWORD_MIN_LENGTH = 8\n",
        "secretName: postgres-credentials-v2\n",
        "password: DB_PASSWORD_FROM_ENV\n",
        "password_file=/run/secrets/db_password\n",
        "secret: passwordFromVault\n",
        "password: Optional[str] = None\n",
        "login.password.label = Enter your password\n",
        "db_password = os.environ.get('DB_PASSWORD')\n",
        "password=aaaaaaaaaaaa\n",
        // code: a private method, a constant path, a type, a command-line option
        "    password = _gets_noecho\n",
        "  htpasswd.auth_type = WEBrick::HTTPAuth::DigestAuth\n",
        "      'image_pull_secrets': 'list[V1LocalObjectReference]',\n",
        "      'secret_ref': 'V1LocalObjectReference',\n",
        "_PASSPHRASE_OPTION = \"--with_passphrase\"\n",
        // documentation of a setting: the choices it takes
        "# com.example.password.toHashes = true|false\n",
        "    secretType: none|ssh|cookiefile|token\n",
        // HTML text: an IAM action after a colon is no element content
        "\"documentation\": \"<p>You also need <code>secretsmanager:TagResource</code>.</p>\"\n",
        // anonymous FTP's conventional password
        "        passwd = \"anonymous@\"\n",
    })
    void passwordNearMisses(String text) {
        assertThat(scan(text)).isEmpty();
    }

    @Test
    void passwordsInTheDocumentationOfSourceFilesAreExamples() {
        String docstring = "\"\"\"Example usage:\n\nauth.add_password(realm='PDQ', user='klem',\n"
                + "                  passwd='geh31m$parole')\n\"\"\"\nimport os\n";
        assertThat(rules("/usr/lib/python3.11/urllib/request.py", docstring)).isEmpty();
        String rdoc = "    #   uri.password = \"Sh4rp_Ex4mple\"\n    def password=(v)\n";
        assertThat(rules("/usr/lib/ruby/3.1.0/uri/generic.rb", rdoc)).isEmpty();
        String pod = "=head1 SYNOPSIS\n\n    $ftp->login(user => 'me', password => 'S3cr-t!x9Q');\n\n=cut\n1;\n";
        assertThat(rules("/usr/share/perl5/Net/Client.pm", pod)).isEmpty();
        String javadoc = "/** {@code client.password = \"Xq7!mN2#pL\"} */\nclass Client {}\n";
        assertThat(rules("/app/src/Client.java", javadoc)).isEmpty();

        // the same text is a finding where it is code, and in configuration, where a comment keeps a live password
        assertThat(rules("/srv/app/settings.py", "DB_PASSWORD = 'geh31m$parole'\n")).containsExactly("PASSWORD");
        assertThat(rules("/app/src/Client.java", "String password = \"Xq7!mN2#pL\";\n")).containsExactly("PASSWORD");
        assertThat(rules("/app/.env", "# DB_PASSWORD=Zx9$kL2#qW8!vN4m\n")).containsExactly("PASSWORD");
        assertThat(rules("/usr/local/bin/entrypoint.sh", "#!/bin/sh\n# export DB_PASSWORD=Zx9$kL2#qW8!vN4m\n"))
                .containsExactly("PASSWORD");
        // a real key format is reported in a comment too: a token pasted there is as live as anywhere
        assertThat(rules("/app/deploy.py", "# old key: AKIAIOSFODNN7EXAMPLE\n")).containsExactly("AWS_ACCESS_KEY");
    }

    @Test
    void uuidsAndBase64BlobsWithoutContextAreNotSecrets() {
        Random r = new Random(14);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("request_id=").append(new java.util.UUID(r.nextLong(), r.nextLong())).append('\n');
        }
        byte[] blob = new byte[6000];
        r.nextBytes(blob);
        sb.append(Base64.getMimeEncoder().encodeToString(blob)).append('\n');
        sb.append("checksum: ").append(Planted.base64(15, 40)).append('\n');
        sb.append("id: ").append(Planted.base64(16, 88)).append('\n');
        assertThat(scan(sb.toString())).isEmpty();
    }

    @Test
    void aSpecificRuleWinsOverTheGenericOneForTheSameValue() {
        String key = Planted.base64(17, 40);
        assertThat(rules("aws_secret_access_key: \"" + key + "\"\n")).containsExactly("AWS_SECRET_KEY");
        assertThat(rules("api_key: \"sk_live_" + Planted.alnum(18, 30) + "\"\n")).containsExactly("STRIPE_KEY");
    }

    @Test
    void linesAreCountedToEachHit() {
        String text = "a\nb\r\nAKIAIOSFODNN7EXAMPLE\n\n\nDB_PASSWORD=Zx9$kL2#qW8!vN4m\n";
        assertThat(scan(text)).extracting(TextScanner.Hit::line).containsExactly(3, 6);
    }

    @Test
    void nonAsciiTextAroundASecretDoesNotHideIt() {
        assertThat(rules("# Schlüssel für die Übertragung — nicht teilen\nkey = AKIAIOSFODNN7EXAMPLE # ключ\n"))
                .containsExactly("AWS_ACCESS_KEY");
    }

    @Test
    void anchoreNamesCarryAnchoreRegexesForTriggerIds() {
        assertThat(SecretRules.PRIV_KEY.idText()).isEqualTo("PRIV_KEY=(?i)-+BEGIN(.*)PRIVATE KEY-+");
        assertThat(SecretRules.JWT.idText()).isEqualTo("JWT");
        assertThat(SecretRules.all()).extracting(SecretRule::name).doesNotHaveDuplicates()
                .contains("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PRIV_KEY", "DOCKER_AUTH", "API_KEY");
    }
}
