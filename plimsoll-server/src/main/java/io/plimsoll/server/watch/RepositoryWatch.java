package io.plimsoll.server.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.server.http.Exchange;
import java.util.Optional;

/**
 * A {@code repo_update} subscription's value as Anchore keeps it ({@code {"autosubscribe": ..., "lookuptag": ...,
 * "tagcount": n}}), which {@code anchore-cli repo list} shows the tag count of.
 *
 * @param repository {@code registry/repository}, the subscription key
 */
record RepositoryWatch(String repository, boolean autosubscribe, Optional<String> lookupTag, int tagCount) {

    static RepositoryWatch of(Subscription s) {
        JsonNode v;
        try {
            v = Exchange.JSON.readTree(s.value().orElse("{}"));
        } catch (Exception e) {
            v = JsonNodeFactory.instance.objectNode();
        }
        return new RepositoryWatch(s.key(), v.path("autosubscribe").asBoolean(false),
                Optional.ofNullable(v.path("lookuptag").textValue()), v.path("tagcount").asInt(0));
    }

    RepositoryWatch withTagCount(int n) {
        return new RepositoryWatch(repository, autosubscribe, lookupTag, n);
    }

    String value() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("autosubscribe", autosubscribe);
        n.put("lookuptag", lookupTag.orElse(null));
        n.put("tagcount", tagCount);
        return n.toString();
    }
}
