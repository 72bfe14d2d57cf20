package io.plimsoll.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.report.diff.DiffHtml;
import io.plimsoll.report.diff.ImageDiff;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.vuln.match.Finding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code diff --format html} on the golden fixture: OLD has libssl3 alone; NEW upgrades it and adds log4j-core and a
 * package whose name is markup. Read back as XML, so the page must be well-formed and every value escaped.
 */
class DiffHtmlTest {

    private static final String MARKUP = "<img src=x onerror=\"alert('&')\">";

    @Test
    void listsEachChangeInItsOwnTableWithEveryValueEscaped() throws Exception {
        Inventory inv = ReportFixture.inventory();
        List<Finding> findings = ReportFixture.findings(inv);
        Package openssl = inv.packages().get(0);
        Package older = new Package(openssl.type(), openssl.name(), "3.0.9-1", openssl.arch(), openssl.sourceName(),
                "3.0.9-1", openssl.licenses(), openssl.purl(), openssl.files(), openssl.foundBy(), openssl.location(),
                openssl.provenance(), openssl.metadata());
        Package lodash = inv.packages().get(2);
        Package evil = new Package("npm", MARKUP, "1.0.0", "", MARKUP, "1.0.0", List.of(), "pkg:npm/evil@1.0.0",
                List.of(), "npm-lock", "/opt/my app/package-lock.json", lodash.provenance(), lodash.metadata());
        ScanReport before = report(new Inventory(inv.image(), inv.distro(), List.of(older), List.of(), inv.walk()),
                List.of());
        ScanReport after = report(new Inventory(inv.image(), inv.distro(), List.of(openssl, inv.packages().get(1),
                evil), List.of(), inv.walk()), findings.subList(0, 3));
        String html = DiffHtml.render(ImageDiff.between(before, after, Optional.of(Action.GO),
                Optional.of(Action.STOP)));

        assertThat(html).doesNotContain(MARKUP)
                .contains("&lt;img src=x onerror=&quot;alert(&#39;&amp;&#39;)&quot;&gt;");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(cells(doc, "packages-added", 1)).containsExactly("log4j-core", MARKUP);
        assertThat(cells(doc, "packages-added", 6)).containsExactly("COPY app/ /opt/my app/ # buildkit",
                "COPY app/ /opt/my app/ # buildkit");
        assertThat(cells(doc, "packages-changed", 1)).containsExactly("libssl3");
        assertThat(cells(doc, "packages-changed", 3)).containsExactly("3.0.9-1");
        assertThat(cells(doc, "packages-changed", 4)).containsExactly("3.0.11-1~deb12u1");
        assertThat(cells(doc, "packages-removed", 1)).isEmpty();
        assertThat(text(doc, "//section[@id='packages-removed']/p")).isEqualTo("None.");
        assertThat(cells(doc, "findings-new", 1)).containsExactly("GHSA-jfh8-c2jp-5v3q", "CVE-2023-5678",
                "CVE-2024-0727");
        assertThat(cells(doc, "findings-new", 2)).containsExactly("critical", "low", "unknown");
        assertThat(cells(doc, "findings-fixed", 1)).isEmpty();
        assertThat(text(doc, "//td[@id='policy-result']")).isEqualTo("GO → STOP");
    }

    private static ScanReport report(Inventory inv, List<Finding> findings) {
        return new ScanReport(inv, findings, ReportFixture.data(), Optional.empty(), List.of(), Optional.empty(),
                ReportFixture.TOOL_VERSION, List.of());
    }

    private static List<String> cells(Document doc, String section, int column) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate("//*[@id='" + section
                + "']//tbody/tr/td[" + column + "]", doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static String text(Document doc, String xpath) throws Exception {
        Node n = (Node) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODE);
        return n == null ? null : n.getTextContent();
    }
}
