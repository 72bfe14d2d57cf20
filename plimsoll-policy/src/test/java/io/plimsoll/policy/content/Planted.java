package io.plimsoll.policy.content;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Realistic secrets for tests, made the way their issuers make them (real keys, signed tokens), seeded. */
final class Planted {

    /**
     * A file holding secrets, at the path where it is found in real images, and the rules that must report it (no
     * other rule may).
     */
    record Case(String name, String path, String text, Set<String> rules) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64 = ALNUM + "+/";

    private Planted() {
    }

    static String random(Random r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String alnum(long seed, int n) {
        return random(new Random(seed), ALNUM, n);
    }

    static String base64(long seed, int n) {
        return random(new Random(seed), B64, n);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** An HS256 JWT, signed. */
    static String jwt(String headerJson, String payloadJson) {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String signing = enc.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("not-so-secret-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signing + "." + enc.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A Google Cloud service-account key file as the console downloads it. */
    static String gcpServiceAccount(KeyPair kp) {
        String key = pem("PRIVATE KEY", kp.getPrivate().getEncoded()).replace("\n", "\\n");
        return "{\n"
                + "  \"type\": \"service_account\",\n"
                + "  \"project_id\": \"payments-prod-4711\",\n"
                + "  \"private_key_id\": \"3f1c9e0a7b2d4c6e8f0a1b3c5d7e9f0a2b4c6d8e\",\n"
                + "  \"private_key\": \"" + key + "\",\n"
                + "  \"client_email\": \"deployer@payments-prod-4711.iam.gserviceaccount.com\",\n"
                + "  \"client_id\": \"104932827364019283746\",\n"
                + "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n"
                + "}\n";
    }

    /** An AWS access key id as IAM issues them: a four-letter kind and 16 base32 characters. */
    static String awsKeyId(String kind, long seed) {
        return kind + random(new Random(seed), BASE32, 16);
    }

    /**
     * Every kind of secret the rules know, each in a file of the format it is found in, at a path where images
     * carry it (also next to the paths skipped by default: an application's own settings beside installed
     * libraries, an application's test folder).
     */
    static List<Case> cases() {
        KeyPair rsa = rsa();
        String pkcs8 = pem("PRIVATE KEY", rsa.getPrivate().getEncoded());
        String body = pkcs8.split("\n")[1];
        String dockerAuth = Base64.getEncoder().encodeToString(
                "deploy:S3cr3t-Regi5try!".getBytes(StandardCharsets.UTF_8));
        String jwt = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"svc-payments\",\"iat\":1700000000,\"scope\":\"admin\"}");
        return List.of(
                new Case("AWS shared credentials file", "/root/.aws/credentials",
                        "[default]\naws_access_key_id = " + awsKeyId("AKIA", 20) + "\naws_secret_access_key = "
                                + base64(21, 40) + "\nregion = eu-west-1\n",
                        Set.of("AWS_ACCESS_KEY", "AWS_SECRET_KEY")),
                new Case("AWS secret exported by a profile script", "/etc/profile.d/aws.sh",
                        "export AWS_DEFAULT_REGION=eu-west-1\nexport AWS_SECRET_ACCESS_KEY=\"" + base64(1, 40) + "\"\n",
                        Set.of("AWS_SECRET_KEY")),
                new Case("AWS temporary credentials cached as JSON", "/app/cache/sts-credentials.json",
                        "{\"Credentials\": {\"AccessKeyId\": \"" + awsKeyId("ASIA", 22) + "\", \"SecretAccessKey\": \""
                                + base64(2, 40) + "\", \"Expiration\": \"2025-01-01T00:00:00Z\"}}\n",
                        Set.of("AWS_ACCESS_KEY", "AWS_SECRET_KEY")),
                new Case("PKCS#8 private key", "/etc/ssl/private/app.key", pkcs8, Set.of("PRIV_KEY")),
                new Case("PKCS#1 RSA private key", "/etc/nginx/ssl/server.key",
                        pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"), Set.of("PRIV_KEY")),
                new Case("EC private key", "/etc/app/tls/ec.key", pkcs8.replace("PRIVATE KEY", "EC PRIVATE KEY"),
                        Set.of("PRIV_KEY")),
                new Case("encrypted PKCS#8 private key", "/etc/app/tls/client.pem",
                        pkcs8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), Set.of("PRIV_KEY")),
                new Case("OpenSSH private key", "/root/.ssh/id_ed25519",
                        "-----BEGIN OPENSSH PRIVATE KEY-----\r\n"
                                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\r\n"
                                + "QyNTUxOQAAACB7qA2h8+fOe6XQ0dbhkHg2U5fR3nKXn3G0a8mN3WcFQAAAAJgT0n5kE9J+\r\n"
                                + "-----END OPENSSH PRIVATE KEY-----\r\n", Set.of("PRIV_KEY")),
                new Case("legacy encrypted RSA key", "/home/deploy/.ssh/id_rsa",
                        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                                + "DEK-Info: AES-128-CBC,2A4E1B9C3D5F7A8B0C1D2E3F4A5B6C7D\n\n" + body
                                + "\n-----END RSA PRIVATE KEY-----\n", Set.of("PRIV_KEY")),
                new Case("private key inlined in YAML", "/etc/app/config.yaml",
                        "tls:\n  key: |\n    -----BEGIN EC PRIVATE KEY-----\n    " + body + "\n", Set.of("PRIV_KEY")),
                new Case("GCP service-account key file", "/app/secrets/gcp-service-account.json",
                        gcpServiceAccount(rsa), Set.of("GCP_SERVICE_ACCOUNT_KEY")),
                new Case("Azure storage connection string", "/app/appsettings.json",
                        "{\"ConnectionStrings\": {\"Blobs\": \"DefaultEndpointsProtocol=https;AccountName=payments;"
                                + "AccountKey=" + base64(3, 86) + "==;EndpointSuffix=core.windows.net\"}}\n",
                        Set.of("AZURE_STORAGE_KEY")),
                new Case("Azure Service Bus connection string", "/srv/worker/.env",
                        "BUS=Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                                + "SharedAccessKey=" + base64(4, 43) + "=\n", Set.of("AZURE_SHARED_ACCESS_KEY")),
                new Case("GitHub token in git credentials", "/root/.git-credentials",
                        "https://ci-bot:ghp_" + alnum(5, 36) + "@github.com\n", Set.of("GITHUB_TOKEN")),
                new Case("GitHub OAuth token of the gh CLI", "/root/.config/gh/hosts.yml",
                        "github.com:\n    oauth_token: gho_" + alnum(6, 36) + "\n    user: ci-bot\n",
                        Set.of("GITHUB_TOKEN")),
                new Case("GitHub fine-grained token in a remote URL", "/srv/app/.git/config",
                        "[remote \"origin\"]\n\turl = https://x-access-token:github_pat_" + alnum(7, 22) + "_"
                                + alnum(8, 59) + "@github.com/acme/app.git\n", Set.of("GITHUB_TOKEN")),
                new Case("GitLab token in a runner's environment", "/etc/gitlab-runner/env",
                        "CI_TOKEN=glpat-" + alnum(9, 20) + "\n", Set.of("GITLAB_TOKEN")),
                new Case("Slack bot token", "/app/.env",
                        "APP_ENV=production\nSLACK_BOT_TOKEN=xoxb-2739584820-5927384756123-" + alnum(10, 24) + "\n"
                                + "DB_PASSWORD=Zx9$kL2#qW8!vN4m\n", Set.of("SLACK_TOKEN", "PASSWORD")),
                new Case("Slack webhook in Alertmanager's configuration", "/etc/alertmanager/alertmanager.yml",
                        "global:\n  slack_api_url: 'https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/"
                                + alnum(11, 24) + "'\n", Set.of("SLACK_WEBHOOK")),
                new Case("Stripe live key in a Rails initializer", "/app/config/initializers/stripe.rb",
                        "Stripe.api_key = \"sk_live_" + alnum(12, 24) + "\"\n", Set.of("STRIPE_KEY")),
                new Case("Stripe restricted key", "/app/config/stripe.env",
                        "STRIPE_RESTRICTED=rk_live_" + alnum(13, 99) + "\n", Set.of("STRIPE_KEY")),
                new Case("JWT in a saved request", "/app/scripts/call-api.sh",
                        "curl -H \"Authorization: Bearer " + jwt + "\" https://api.acme.io/v1/orders\n", Set.of("JWT")),
                new Case("registry credentials in Docker's config.json", "/root/.docker/config.json",
                        "{\n  \"auths\": {\n    \"registry.acme.io\": {\n      \"auth\": \"" + dockerAuth
                                + "\"\n    }\n  }\n}\n", Set.of("DOCKER_AUTH")),
                new Case("Spring datasource password", "/app/config/application.yml",
                        "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/shop\n"
                                + "    username: shop\n    password: Tr0ub4dor&3x\n", Set.of("PASSWORD")),
                new Case("password in a JSON configuration", "/app/config/database.json",
                        "{\n    \"host\": \"db\",\n    \"password\": \"q7Hv2LmX9pRt\",\n}\n", Set.of("PASSWORD")),
                new Case("Django SECRET_KEY of an application beside installed libraries",
                        "/usr/lib/python3/dist-packages/shop/settings.py",
                        "DEBUG = False\nSECRET_KEY = 'k#8s!2nd@x9-0v^q1w$e7r%t'\n", Set.of("PASSWORD")),
                new Case(".NET connection string with a password", "/app/appsettings.Production.json",
                        "{\"ConnectionStrings\": {\"Default\": \"Server=db;Database=shop;User Id=sa;"
                                + "Password=Pa55w0rd!2024;\"}}\n", Set.of("PASSWORD")),
                new Case("Maven server password", "/root/.m2/settings.xml",
                        "<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n"
                                + "      <username>ci</username>\n"
                                + "      <password>hT7#kq29Lmv</password>\n    </server>\n  </servers>\n</settings>\n",
                        Set.of("PASSWORD")),
                new Case("OAuth client secret in Ruby configuration", "/app/config/initializers/omniauth.rb",
                        "provider :github, client_id: 'Iv1.8a61f9b3a7aba766',\n"
                                + "  client_secret => \"d8F3kq0ZpW7xYt2R\"\n",
                        Set.of("PASSWORD")),
                new Case("an application's own test folder is scanned", "/opt/app/test/.env",
                        "DB_PASSWORD=Vb7!mQ2#xT9$kL4p\n", Set.of("PASSWORD")),
                new Case("Datadog agent API key", "/etc/datadog-agent/datadog.yaml",
                        "site: datadoghq.eu\napi_key: " + random(new Random(23), "0123456789abcdef", 32) + "\n",
                        Set.of("API_KEY")));
    }
}
