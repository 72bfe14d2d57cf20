package io.plimsoll.policy.gate;

/**
 * One hit of a trigger. {@code triggerId} is stable across runs for the same cause (e.g.
 * {@code CVE-2021-44228+log4j-core}, a file path, a user name), so allowlists and baselines can name it.
 */
public record TriggerHit(String triggerId, String message) {
}
