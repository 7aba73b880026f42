import javax.xml.parsers.DocumentBuilderFactory;

class Parse {
    Object unsafe() throws Exception {
        // ruleid: xxe-document-builder
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f;
    }

    Object safe() throws Exception {
        // ok: xxe-document-builder
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f;
    }
}
