package io.plimsoll.server.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.FileTreeBuilder;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.policy.content.ContentFindings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What an analysis keeps of an image: everything the policy gates and the vulnerability endpoints read — the
 * inventory (image config and history, distro, packages, the squashed file tree) and what the content scan found
 * (secrets, account files). Stored once per manifest digest as gzipped JSON, so a check or a vulnerability list
 * never pulls the image again and any replica can serve it.
 */
public record AnalysisDocument(Inventory inventory, ContentFindings content) {

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        SimpleModule tree = new SimpleModule("file-tree");
        tree.addSerializer(FileTree.class, new TreeSerializer());
        tree.addDeserializer(FileTree.class, new TreeDeserializer());
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                .registerModule(tree)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false)
                // derived accessors of the records (isDirectory(), …) are written but are not components
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            MAPPER.writeValue(gz, this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the analysis of " + inventory.image().name(), e);
        }
        return bytes.toByteArray();
    }

    static AnalysisDocument decode(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return MAPPER.readValue(in, AnalysisDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored analysis cannot be read (written by an incompatible version?)", e);
        }
    }

    /** A node as stored: the tree is rebuilt from the explicit nodes; implicit directories reappear by themselves. */
    record StoredNode(String path, FileType type, int mode, long uid, long gid, long size, String linkTarget,
                      int layer, boolean sparse) {
    }

    private static final class TreeSerializer extends JsonSerializer<FileTree> {
        @Override
        public void serialize(FileTree tree, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            for (FileNode n : tree.nodes()) {
                if (!n.implicit()) {
                    provider.defaultSerializeValue(new StoredNode(n.path(), n.type(), n.mode(), n.uid(), n.gid(),
                            n.size(), n.linkTarget(), n.layer(), n.sparse()), gen);
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class TreeDeserializer extends JsonDeserializer<FileTree> {
        @Override
        public FileTree deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            StoredNode[] nodes = p.readValueAs(StoredNode[].class);
            // replaying each node in the layer that last wrote it gives the same squashed tree: a later layer's
            // directory over an earlier implicit one replaces it, and nothing stored was deleted after being written
            Map<Integer, List<LayerEntry>> byLayer = new TreeMap<>();
            for (StoredNode n : nodes) {
                byLayer.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(new LayerEntry(n.path(), n.type(),
                        n.mode(), n.uid(), n.gid(), n.size(), n.linkTarget(), 0, n.sparse()));
            }
            FileTreeBuilder builder = new FileTreeBuilder();
            byLayer.forEach((layer, entries) -> builder.apply(layer, new LayerChanges(entries, List.of(), List.of())));
            return builder.build();
        }
    }
}
