package io.plimsoll.server.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Clair's {@code affected_manifests} answer: each summary as a vulnerability, and the manifests it affects. */
public final class ClairAffectedManifests {

    private final ObjectNode document = ClairJson.object();
    private final ObjectNode vulnerabilities = document.putObject("vulnerabilities");
    private final ObjectNode manifests = document.putObject("vulnerable_manifests");

    /** Adds summary {@code summary} under {@code id} (see {@link ClairVulnerabilities#fromSummary}). */
    public void add(String id, JsonNode summary, Collection<String> affected) {
        vulnerabilities.set(id, ClairVulnerabilities.fromSummary(summary, id));
        ArrayNode list = manifests.putArray(id);
        affected.forEach(list::add);
    }

    public ObjectNode document() {
        return document;
    }
}
