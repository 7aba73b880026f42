import javax.xml.xpath.XPath;
import org.w3c.dom.Document;

class Users {
    Object find(XPath xpath, Document doc, String name) throws Exception {
        // ruleid: xpath-concat
        xpath.evaluate("//user[name='" + name + "']", doc);
        // ruleid: xpath-concat
        xpath.compile(String.format("//user[@id='%s']", name));
        // ok: xpath-concat
        return xpath.evaluate("//user[name=$name]", doc);
    }
}
