package io.plimsoll.policy.content;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Realistic secrets for tests, made the way their issuers make them (real keys, signed tokens), seeded. */
final class Planted {

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
}
