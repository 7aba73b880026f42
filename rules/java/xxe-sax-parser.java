import javax.xml.parsers.SAXParserFactory;

class Parse {
    Object unsafe() throws Exception {
        // ruleid: xxe-sax-parser
        SAXParserFactory f = SAXParserFactory.newInstance();
        return f;
    }

    Object safe() throws Exception {
        // ok: xxe-sax-parser
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f;
    }
}
