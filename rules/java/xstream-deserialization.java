import com.thoughtworks.xstream.XStream;

class Import {
    Object unsafe(String xml) {
        XStream x = new XStream();
        // ruleid: xstream-deserialization
        return x.fromXML(xml);
    }

    Object safe(String xml) {
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"com.example.**"});
        // ok: xstream-deserialization
        return x.fromXML(xml);
    }
}
