package io.plimsoll.policy;

import java.util.List;

/**
 * Which policies and allowlists apply to which images. The first mapping whose selector matches the image is used
 * (Anchore's rule); a bundle whose policies match no mapping evaluates nothing and says so.
 */
public record Mapping(String id, String name, ImageSelector selector, List<String> policyIds,
                      List<String> allowlistIds) {

    public Mapping {
        policyIds = List.copyOf(policyIds);
        allowlistIds = List.copyOf(allowlistIds);
        name = name == null ? id : name;
    }
}
