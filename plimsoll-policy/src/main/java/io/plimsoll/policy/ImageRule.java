package io.plimsoll.policy;

/** A trusted ({@code whitelisted_images}) or denied ({@code blacklisted_images}) image entry. */
public record ImageRule(String id, String name, ImageSelector selector) {
}
