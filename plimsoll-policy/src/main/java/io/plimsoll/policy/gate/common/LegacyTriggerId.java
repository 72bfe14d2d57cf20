package io.plimsoll.policy.gate.common;

import io.plimsoll.policy.gate.TriggerHit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Anchore's trigger id for a hit that names no instance of its own: the MD5 of gate name, trigger name and the hit's
 * message, concatenated. Real Anchore whitelists are written against these ids (the public SUID whitelists list
 * {@code 639f6f11…} for "SUID or SGID found set on file /usr/bin/chage. Mode: 0o104755"), so triggers that Anchore
 * fires this way reproduce its message text exactly and take their id from here; the message still tells a person
 * which file, user or port it is about.
 */
public final class LegacyTriggerId {

    private LegacyTriggerId() {
    }

    public static String of(String gate, String trigger, String message) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] d = md5.digest((gate + trigger + message).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** A hit whose id is Anchore's legacy id of its message. */
    public static TriggerHit hit(String gate, String trigger, String message) {
        return new TriggerHit(of(gate, trigger, message), message);
    }
}
