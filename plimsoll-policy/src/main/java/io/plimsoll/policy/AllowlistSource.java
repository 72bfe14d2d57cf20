package io.plimsoll.policy;

import io.plimsoll.policy.gate.ImageName;

/**
 * An allowlist given outside the bundle ({@code --allowlist FILE}, or a whitelist file combined with a policy
 * file): it applies to every image in addition to the allowlists the matched mapping names. A clair-scanner
 * whitelist gives different items per image, hence the image argument.
 */
public interface AllowlistSource {

    /** Where it came from, for reports and errors. */
    String source();

    /** The items that apply to {@code image}. */
    Allowlist forImage(ImageName image);

    /** An Anchore whitelist file: the same items for every image. */
    static AllowlistSource fixed(String source, Allowlist allowlist) {
        return new Fixed(source, allowlist);
    }

    record Fixed(String source, Allowlist allowlist) implements AllowlistSource {
        @Override
        public Allowlist forImage(ImageName image) {
            return allowlist;
        }
    }
}
