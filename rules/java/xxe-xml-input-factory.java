import javax.xml.stream.XMLInputFactory;

class Stax {
    XMLInputFactory unsafe() {
        // ruleid: xxe-xml-input-factory
        XMLInputFactory f = XMLInputFactory.newInstance();
        return f;
    }

    XMLInputFactory safe() {
        // ok: xxe-xml-input-factory
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return f;
    }
}
